using Microsoft.Extensions.Options;
using Parley.Core.Conversations;

namespace Parley.Core.Tests.Conversations;

public sealed class TimelineQueriesTests : IAsyncLifetime
{
    private TestDatabase _t = null!;
    private ConversationQueries _queries = null!;
    private Guid _conversation;

    public async Task InitializeAsync()
    {
        _t = await TestDatabase.CreateAsync();
        _queries = new ConversationQueries(_t.Db, Options.Create(new LimitsOptions()));
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    /// <summary>A conversation of <paramref name="count"/> messages, alternating end user and agent, with a note every tenth.</summary>
    private async Task WriteConversationAsync(int count)
    {
        var service = _t.Conversations();
        var endUser = await _t.AddEndUserAsync();
        var agent = await _t.AddAgentAsync();
        _conversation = (await service.StartAsync(endUser, new EndUserMessageInput("message 1", null), default)).Conversation.Id;
        for (var n = 2; n <= count; n++)
        {
            var text = $"message {n}";
            _ = n % 2 == 0
                ? await service.PostFromAgentAsync(agent, _conversation, new AgentMessageInput(text, null, IsInternalNote: n % 10 == 0), default)
                : await service.PostFromEndUserAsync(endUser, _conversation, new EndUserMessageInput(text, null), default);
        }
    }

    [Fact]
    public async Task Opening_a_conversation_of_600_messages_shows_the_newest_500_in_order_with_notes()
    {
        await WriteConversationAsync(600);

        var detail = await _queries.TimelineAsync(_conversation, afterSeq: null, default);

        Assert.Equal(ConversationQueries.TimelineWindow, detail.Messages.Count);
        Assert.Equal(Enumerable.Range(101, 500).Select(n => (long)n), detail.Messages.Select(m => m.Seq));
        Assert.True(detail.HasEarlierMessages);
        Assert.Contains(detail.Messages, m => m.IsInternalNote);
    }

    [Fact]
    public async Task A_short_conversation_opens_whole_with_nothing_earlier()
    {
        await WriteConversationAsync(3);

        var detail = await _queries.TimelineAsync(_conversation, afterSeq: null, default);

        Assert.Equal(["message 1", "message 2", "message 3"], detail.Messages.Select(m => m.Text));
        Assert.False(detail.HasEarlierMessages);
    }

    [Fact]
    public async Task An_open_timeline_fetches_only_the_messages_written_after_its_last_one()
    {
        await WriteConversationAsync(7);

        var since = await _queries.TimelineAsync(_conversation, afterSeq: 5, default);
        var nothingNew = await _queries.TimelineAsync(_conversation, afterSeq: 7, default);

        Assert.Equal([6L, 7L], since.Messages.Select(m => m.Seq));
        Assert.Equal(7, since.Conversation.LastMessageSeq);
        Assert.Empty(nothingNew.Messages);
        Assert.Equal(7, nothingNew.Conversation.LastMessageSeq);
    }

    [Fact]
    public async Task Earlier_messages_come_in_windows_just_before_the_first_shown()
    {
        await WriteConversationAsync(600);

        var earlier = await _queries.EarlierForAgentAsync(_conversation, beforeSeq: 101, default);
        var fromTheMiddle = await _queries.EarlierForAgentAsync(_conversation, beforeSeq: 550, default);

        Assert.Equal(Enumerable.Range(1, 100).Select(n => (long)n), earlier.Select(m => m.Seq));
        Assert.Equal(Enumerable.Range(50, 500).Select(n => (long)n), fromTheMiddle.Select(m => m.Seq));
    }

    [Fact]
    public async Task The_timeline_of_an_unknown_conversation_is_not_found()
    {
        var problem = await Assert.ThrowsAsync<ParleyProblem>(() => _queries.TimelineAsync(Guid.CreateVersion7(), null, default));

        Assert.Equal(ProblemKind.NotFound, problem.Kind);
    }
}
