using Parley.Core.Accounts;
using Parley.Core.Conversations;
using Parley.Core.Events;

namespace Parley.Core.Tests.Conversations;

public sealed class SolvedConversationCloserTests : IAsyncLifetime
{
    private TestDatabase _t = null!;
    private Guid _endUser;

    public async Task InitializeAsync()
    {
        _t = await TestDatabase.CreateAsync();
        _endUser = await _t.AddEndUserAsync();
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private async Task<Guid> SolvedAsync(TimeSpan ago)
    {
        var started = await _t.Conversations().StartAsync(_endUser, new EndUserMessageInput("Hello", null), CancellationToken.None);
        await _t.SetStatusAsync(started.Conversation.Id, ConversationStatus.Solved, _t.Clock.GetUtcNow() - ago);
        return started.Conversation.Id;
    }

    [Fact]
    public async Task Conversation_solved_four_days_ago_closes_by_default()
    {
        var solvedAt = _t.Clock.GetUtcNow().AddDays(-4);
        var due = await SolvedAsync(TimeSpan.FromDays(4));
        _t.Events.Clear();

        var closed = await _t.Closer().CloseDueAsync(100, CancellationToken.None);

        Assert.Equal(1, closed);
        var stored = await _t.ReadConversationAsync(due);
        Assert.Equal(ConversationStatus.Closed, stored.Status);
        Assert.Equal(_t.Clock.GetUtcNow(), stored.ClosedAt);
        Assert.Equal(solvedAt, stored.SolvedAt);
    }

    [Fact]
    public async Task Conversation_solved_three_days_ago_stays_solved_by_default()
    {
        var notDue = await SolvedAsync(TimeSpan.FromDays(3));

        var closed = await _t.Closer().CloseDueAsync(100, CancellationToken.None);

        Assert.Equal(0, closed);
        Assert.Equal(ConversationStatus.Solved, (await _t.ReadConversationAsync(notDue)).Status);
    }

    [Fact]
    public async Task Conversation_closes_once_the_clock_reaches_the_fourth_day()
    {
        var id = await SolvedAsync(TimeSpan.Zero);

        _t.Clock.Advance(TimeSpan.FromDays(4) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await _t.Closer().CloseDueAsync(100, CancellationToken.None));
        _t.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await _t.Closer().CloseDueAsync(100, CancellationToken.None));

        Assert.Equal(ConversationStatus.Closed, (await _t.ReadConversationAsync(id)).Status);
    }

    [Fact]
    public async Task Configured_number_of_days_is_honoured()
    {
        await _t.Settings().UpdateAsync(new SettingsChanges(AutoCloseSolvedAfterDays: 2), CancellationToken.None);
        var twoDays = await SolvedAsync(TimeSpan.FromDays(2));
        var oneDay = await SolvedAsync(TimeSpan.FromDays(1));

        var closed = await _t.Closer().CloseDueAsync(100, CancellationToken.None);

        Assert.Equal(1, closed);
        Assert.Equal(ConversationStatus.Closed, (await _t.ReadConversationAsync(twoDays)).Status);
        Assert.Equal(ConversationStatus.Solved, (await _t.ReadConversationAsync(oneDay)).Status);
    }

    [Fact]
    public async Task Longer_configured_period_keeps_a_four_day_old_solved_conversation_open()
    {
        await _t.Settings().UpdateAsync(new SettingsChanges(AutoCloseSolvedAfterDays: 7), CancellationToken.None);
        var id = await SolvedAsync(TimeSpan.FromDays(4));

        var closed = await _t.Closer().CloseDueAsync(100, CancellationToken.None);

        Assert.Equal(0, closed);
        Assert.Equal(ConversationStatus.Solved, (await _t.ReadConversationAsync(id)).Status);
    }

    [Fact]
    public async Task Closing_publishes_conversation_changed_after_commit()
    {
        var due = await SolvedAsync(TimeSpan.FromDays(5));
        _t.Events.Clear();

        await _t.Closer().CloseDueAsync(100, CancellationToken.None);

        var changed = Assert.IsType<ConversationChanged>(Assert.Single(_t.Events.Published));
        Assert.Equal(due, changed.Conversation.Id);
        Assert.Equal(ConversationStatus.Closed, changed.Conversation.Status);
        Assert.False(_t.Events.PublishedBeforeCommit);
    }

    [Fact]
    public async Task Closes_at_most_one_batch_oldest_first()
    {
        var oldest = await SolvedAsync(TimeSpan.FromDays(9));
        var middle = await SolvedAsync(TimeSpan.FromDays(7));
        var newest = await SolvedAsync(TimeSpan.FromDays(5));

        var closed = await _t.Closer().CloseDueAsync(2, CancellationToken.None);

        Assert.Equal(2, closed);
        Assert.Equal(ConversationStatus.Closed, (await _t.ReadConversationAsync(oldest)).Status);
        Assert.Equal(ConversationStatus.Closed, (await _t.ReadConversationAsync(middle)).Status);
        Assert.Equal(ConversationStatus.Solved, (await _t.ReadConversationAsync(newest)).Status);
    }

    [Theory]
    [InlineData(ConversationStatus.Open)]
    [InlineData(ConversationStatus.Pending)]
    public async Task Conversations_that_are_not_solved_are_left_alone(ConversationStatus status)
    {
        var started = await _t.Conversations().StartAsync(_endUser, new EndUserMessageInput("Hello", null), CancellationToken.None);
        await _t.SetStatusAsync(started.Conversation.Id, status, _t.Clock.GetUtcNow().AddDays(-30));

        Assert.Equal(0, await _t.Closer().CloseDueAsync(100, CancellationToken.None));
        Assert.Equal(status, (await _t.ReadConversationAsync(started.Conversation.Id)).Status);
    }
}
