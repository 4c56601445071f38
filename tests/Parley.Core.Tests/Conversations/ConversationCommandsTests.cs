using Parley.Core.Conversations;
using Parley.Core.Events;

namespace Parley.Core.Tests.Conversations;

public sealed class ConversationCommandsTests : IAsyncLifetime
{
    private TestDatabase _t = null!;
    private ConversationCommands _commands = null!;
    private Guid _endUser;
    private Guid _conversation;

    public async Task InitializeAsync()
    {
        _t = await TestDatabase.CreateAsync();
        _commands = _t.Commands();
        _endUser = await _t.AddEndUserAsync();
        var started = await _t.Conversations().StartAsync(_endUser, new EndUserMessageInput("Hello", null), CancellationToken.None);
        _conversation = started.Conversation.Id;
        _t.Events.Clear();
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private async Task AddEndUserMessagesAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await _t.Conversations().PostFromEndUserAsync(_endUser, _conversation, new EndUserMessageInput($"Message {i}", null), CancellationToken.None);
        }
        _t.Events.Clear();
    }

    [Fact]
    public async Task Assigning_to_an_agent_with_chat_access_opens_a_new_conversation()
    {
        var admin = await _t.AddAgentAsync("Ada Admin");
        var agent = await _t.AddAgentAsync();

        var summary = await _commands.AssignAsync(admin, _conversation, agent.AgentId, CancellationToken.None);

        Assert.Equal(agent.AgentId, summary.AssigneeId);
        Assert.Equal(ConversationStatus.Open, summary.Status);
        var stored = await _t.ReadConversationAsync(_conversation);
        Assert.Equal(agent.AgentId, stored.AssigneeId);
        Assert.Equal(ConversationStatus.Open, stored.Status);
        Assert.IsType<ConversationChanged>(Assert.Single(_t.Events.Published));
        Assert.False(_t.Events.PublishedBeforeCommit);
    }

    [Fact]
    public async Task Assigning_to_another_agent_without_chat_access_is_refused()
    {
        var admin = await _t.AddAgentAsync("Ada Admin");
        var noChat = await _t.AddAgentAsync(chatAccess: false);

        var problem = await Assert.ThrowsAsync<ParleyProblem>(() =>
            _commands.AssignAsync(admin, _conversation, noChat.AgentId, CancellationToken.None));

        Assert.Equal(ProblemKind.Validation, problem.Kind);
        Assert.NotNull(problem.Errors);
        Assert.True(problem.Errors.ContainsKey("assigneeId"));
        var stored = await _t.ReadConversationAsync(_conversation);
        Assert.Null(stored.AssigneeId);
        Assert.Equal(ConversationStatus.New, stored.Status);
        Assert.Empty(_t.Events.Published);
    }

    [Fact]
    public async Task Agent_without_chat_access_cannot_take_a_conversation()
    {
        var noChat = await _t.AddAgentAsync(chatAccess: false);

        var problem = await Assert.ThrowsAsync<ParleyProblem>(() =>
            _commands.AssignAsync(noChat, _conversation, noChat.AgentId, CancellationToken.None));

        Assert.Equal(ProblemKind.Forbidden, problem.Kind);
        Assert.Equal("no-chat-access", problem.Code);
        Assert.Null((await _t.ReadConversationAsync(_conversation)).AssigneeId);
    }

    [Fact]
    public async Task Assigning_to_an_unknown_agent_is_refused()
    {
        var admin = await _t.AddAgentAsync("Ada Admin");

        var problem = await Assert.ThrowsAsync<ParleyProblem>(() =>
            _commands.AssignAsync(admin, _conversation, Guid.CreateVersion7(), CancellationToken.None));

        Assert.Equal(ProblemKind.Validation, problem.Kind);
        Assert.Null((await _t.ReadConversationAsync(_conversation)).AssigneeId);
    }

    [Fact]
    public async Task Unassigning_keeps_the_status()
    {
        var agent = await _t.AddAgentAsync();
        await _commands.AssignAsync(agent, _conversation, agent.AgentId, CancellationToken.None);

        var summary = await _commands.AssignAsync(agent, _conversation, null, CancellationToken.None);

        Assert.Null(summary.AssigneeId);
        Assert.Equal(ConversationStatus.Open, (await _t.ReadConversationAsync(_conversation)).Status);
    }

    [Fact]
    public async Task Closed_conversation_cannot_be_reassigned()
    {
        var agent = await _t.AddAgentAsync();
        await _t.SetStatusAsync(_conversation, ConversationStatus.Closed);

        var problem = await Assert.ThrowsAsync<ParleyProblem>(() =>
            _commands.AssignAsync(agent, _conversation, agent.AgentId, CancellationToken.None));

        Assert.Equal("conversation-closed", problem.Code);
        Assert.Null((await _t.ReadConversationAsync(_conversation)).AssigneeId);
    }

    [Fact]
    public async Task Status_change_is_stored_and_published()
    {
        var summary = await _commands.ChangeStatusAsync(_conversation, ConversationStatus.Solved, CancellationToken.None);

        Assert.Equal(ConversationStatus.Solved, summary.Status);
        var stored = await _t.ReadConversationAsync(_conversation);
        Assert.Equal(ConversationStatus.Solved, stored.Status);
        Assert.Equal(_t.Clock.GetUtcNow(), stored.SolvedAt);
        var changed = Assert.IsType<ConversationChanged>(Assert.Single(_t.Events.Published));
        Assert.Equal(ConversationStatus.Solved, changed.Conversation.Status);
        Assert.False(_t.Events.PublishedBeforeCommit);
    }

    [Fact]
    public async Task Status_change_to_the_same_status_publishes_nothing()
    {
        await _commands.ChangeStatusAsync(_conversation, ConversationStatus.Open, CancellationToken.None);
        _t.Events.Clear();

        await _commands.ChangeStatusAsync(_conversation, ConversationStatus.Open, CancellationToken.None);

        Assert.Empty(_t.Events.Published);
    }

    [Fact]
    public async Task Status_change_to_closed_is_refused()
    {
        await _t.SetStatusAsync(_conversation, ConversationStatus.Solved);

        var problem = await Assert.ThrowsAsync<ParleyProblem>(() =>
            _commands.ChangeStatusAsync(_conversation, ConversationStatus.Closed, CancellationToken.None));

        Assert.Equal(ProblemKind.Validation, problem.Kind);
        Assert.Equal(ConversationStatus.Solved, (await _t.ReadConversationAsync(_conversation)).Status);
        Assert.Empty(_t.Events.Published);
    }

    [Fact]
    public async Task Status_change_of_a_closed_conversation_is_refused()
    {
        await _t.SetStatusAsync(_conversation, ConversationStatus.Closed);

        var problem = await Assert.ThrowsAsync<ParleyProblem>(() =>
            _commands.ChangeStatusAsync(_conversation, ConversationStatus.Open, CancellationToken.None));

        Assert.Equal(ProblemKind.Conflict, problem.Kind);
        Assert.Equal("conversation-closed", problem.Code);
        Assert.Equal(ConversationStatus.Closed, (await _t.ReadConversationAsync(_conversation)).Status);
    }

    [Fact]
    public async Task Status_change_of_an_unknown_conversation_is_not_found()
    {
        var problem = await Assert.ThrowsAsync<ParleyProblem>(() =>
            _commands.ChangeStatusAsync(Guid.CreateVersion7(), ConversationStatus.Open, CancellationToken.None));

        Assert.Equal("conversation-not-found", problem.Code);
    }

    [Fact]
    public async Task Mark_read_moves_the_read_position_forward()
    {
        await AddEndUserMessagesAsync(2);
        _t.Clock.Advance(TimeSpan.FromMinutes(1));

        var position = await _commands.MarkReadAsync(_endUser, _conversation, 2, CancellationToken.None);

        Assert.Equal(2, position);
        var stored = await _t.ReadConversationAsync(_conversation);
        Assert.Equal(2, stored.EndUserReadSeq);
        Assert.Equal(_t.Clock.GetUtcNow(), stored.LastEndUserActivityAt);
        var read = Assert.IsType<ConversationRead>(Assert.Single(_t.Events.Published));
        Assert.Equal(new ConversationRead(_conversation, 2), read);
    }

    [Fact]
    public async Task Mark_read_never_moves_backwards()
    {
        await AddEndUserMessagesAsync(2);
        await _commands.MarkReadAsync(_endUser, _conversation, 3, CancellationToken.None);
        _t.Events.Clear();

        var position = await _commands.MarkReadAsync(_endUser, _conversation, 1, CancellationToken.None);

        Assert.Equal(3, position);
        Assert.Equal(3, (await _t.ReadConversationAsync(_conversation)).EndUserReadSeq);
        Assert.Empty(_t.Events.Published);
    }

    [Fact]
    public async Task Mark_read_beyond_the_last_message_is_refused()
    {
        await AddEndUserMessagesAsync(1);

        var problem = await Assert.ThrowsAsync<ParleyProblem>(() =>
            _commands.MarkReadAsync(_endUser, _conversation, 3, CancellationToken.None));

        Assert.Equal(ProblemKind.Validation, problem.Kind);
        Assert.NotNull(problem.Errors);
        Assert.True(problem.Errors.ContainsKey("seq"));
        Assert.Equal(0, (await _t.ReadConversationAsync(_conversation)).EndUserReadSeq);
    }

    [Fact]
    public async Task Mark_read_with_a_negative_position_is_refused()
    {
        var problem = await Assert.ThrowsAsync<ParleyProblem>(() =>
            _commands.MarkReadAsync(_endUser, _conversation, -1, CancellationToken.None));

        Assert.Equal(ProblemKind.Validation, problem.Kind);
    }

    [Fact]
    public async Task Mark_read_in_another_end_users_conversation_is_not_found()
    {
        var stranger = await _t.AddEndUserAsync();

        var problem = await Assert.ThrowsAsync<ParleyProblem>(() =>
            _commands.MarkReadAsync(stranger, _conversation, 1, CancellationToken.None));

        Assert.Equal("conversation-not-found", problem.Code);
        Assert.Equal(0, (await _t.ReadConversationAsync(_conversation)).EndUserReadSeq);
    }
}
