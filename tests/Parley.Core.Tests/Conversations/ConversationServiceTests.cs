using Microsoft.EntityFrameworkCore;
using Parley.Core.Accounts;
using Parley.Core.Conversations;
using Parley.Core.Events;

namespace Parley.Core.Tests.Conversations;

public sealed class ConversationServiceTests : IAsyncLifetime
{
    private TestDatabase _t = null!;
    private ConversationService _service = null!;
    private Guid _endUser;

    public async Task InitializeAsync()
    {
        _t = await TestDatabase.CreateAsync();
        _service = _t.Conversations();
        _endUser = await _t.AddEndUserAsync();
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private Task<PostedMessage> StartAsync(string text = "Hi, where is my order?", string? clientId = null) =>
        _service.StartAsync(_endUser, new EndUserMessageInput(text, clientId), CancellationToken.None);

    private Task<PostedMessage> PostAsync(Guid conversationId, string text = "Any news?", string? clientId = null) =>
        _service.PostFromEndUserAsync(_endUser, conversationId, new EndUserMessageInput(text, clientId), CancellationToken.None);

    private async Task<int> CountMessagesAsync(Guid conversationId)
    {
        await using var db = _t.NewContext();
        return await db.Messages.CountAsync(m => m.ConversationId == conversationId);
    }

    [Fact]
    public async Task Started_conversations_are_numbered_1_2_3()
    {
        var first = await StartAsync();
        var second = await StartAsync();
        var third = await _service.StartAsync(await _t.AddEndUserAsync(), new EndUserMessageInput("Hello", null), CancellationToken.None);

        Assert.Equal([1L, 2L, 3L], [first.Conversation.Number, second.Conversation.Number, third.Conversation.Number]);
    }

    [Fact]
    public async Task Started_conversation_is_new_with_the_first_message_as_seq_1()
    {
        _t.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));

        var started = await _service.StartAsync(_endUser,
            new EndUserMessageInput("  Hi there  ", "c-1", PageUrl: "https://shop.example.com/cart"), CancellationToken.None);

        Assert.True(started.Created);
        Assert.Equal(ConversationStatus.New, started.Conversation.Status);
        Assert.Equal(1, started.Message.Seq);
        Assert.Equal("Hi there", started.Message.Text);
        Assert.Equal(MessageAuthorKind.EndUser, started.Message.AuthorKind);
        var stored = await _t.ReadConversationAsync(started.Conversation.Id);
        Assert.Equal(_endUser, stored.EndUserId);
        Assert.Equal(1, stored.LastMessageSeq);
        Assert.Equal("https://shop.example.com/cart", stored.PageUrl);
        Assert.Equal(_t.Clock.GetUtcNow(), stored.CreatedAt);
    }

    [Fact]
    public async Task Sequence_numbers_increase_per_conversation()
    {
        var first = await StartAsync();
        var second = await StartAsync();

        var a2 = await PostAsync(first.Conversation.Id);
        var a3 = await PostAsync(first.Conversation.Id);
        var b2 = await PostAsync(second.Conversation.Id);

        Assert.Equal([2L, 3L, 2L], [a2.Message.Seq, a3.Message.Seq, b2.Message.Seq]);
        Assert.Equal(3, (await _t.ReadConversationAsync(first.Conversation.Id)).LastMessageSeq);
        Assert.Equal(2, (await _t.ReadConversationAsync(second.Conversation.Id)).LastMessageSeq);
    }

    [Fact]
    public async Task Retried_start_with_the_same_client_id_creates_one_conversation()
    {
        var first = await StartAsync(clientId: "start-1");
        _t.Events.Clear();

        var retry = await StartAsync(clientId: "start-1");

        Assert.False(retry.Created);
        Assert.Equal(first.Conversation.Id, retry.Conversation.Id);
        Assert.Equal(first.Message.Id, retry.Message.Id);
        await using var db = _t.NewContext();
        Assert.Equal(1, await db.Conversations.CountAsync());
        Assert.Empty(_t.Events.Published);
    }

    [Fact]
    public async Task Retried_message_with_the_same_client_id_is_stored_once()
    {
        var started = await StartAsync();
        var first = await PostAsync(started.Conversation.Id, "Hello?", "m-1");
        _t.Events.Clear();

        var retry = await PostAsync(started.Conversation.Id, "Hello?", "m-1");

        Assert.True(first.Created);
        Assert.False(retry.Created);
        Assert.Equal(first.Message.Id, retry.Message.Id);
        Assert.Equal(2, retry.Message.Seq);
        Assert.Equal(2, await CountMessagesAsync(started.Conversation.Id));
        Assert.Empty(_t.Events.Published);
    }

    [Theory]
    [InlineData(ConversationStatus.Solved)]
    [InlineData(ConversationStatus.Pending)]
    [InlineData(ConversationStatus.OnHold)]
    public async Task End_user_message_reopens_the_conversation(ConversationStatus status)
    {
        var started = await StartAsync();
        await _t.SetStatusAsync(started.Conversation.Id, status);

        var posted = await PostAsync(started.Conversation.Id);

        Assert.Equal(ConversationStatus.Open, posted.Conversation.Status);
        var stored = await _t.ReadConversationAsync(started.Conversation.Id);
        Assert.Equal(ConversationStatus.Open, stored.Status);
        Assert.Null(stored.SolvedAt);
    }

    [Theory]
    [InlineData(ConversationStatus.New)]
    [InlineData(ConversationStatus.Open)]
    public async Task End_user_message_leaves_a_new_or_open_conversation_as_it_is(ConversationStatus status)
    {
        var started = await StartAsync();
        await _t.SetStatusAsync(started.Conversation.Id, status);

        var posted = await PostAsync(started.Conversation.Id);

        Assert.Equal(status, posted.Conversation.Status);
    }

    [Fact]
    public async Task End_user_message_records_activity_and_resets_the_continuity_window()
    {
        var agent = await _t.AddAgentAsync();
        var started = await StartAsync();
        await _service.PostFromAgentAsync(agent, started.Conversation.Id, new AgentMessageInput("Let me check", null), CancellationToken.None);
        Assert.NotNull((await _t.ReadConversationAsync(started.Conversation.Id)).ContinuityWindowStartedAt);
        _t.Clock.Advance(TimeSpan.FromMinutes(3));

        await PostAsync(started.Conversation.Id);

        var stored = await _t.ReadConversationAsync(started.Conversation.Id);
        Assert.Null(stored.ContinuityWindowStartedAt);
        Assert.Equal(_t.Clock.GetUtcNow(), stored.LastEndUserMessageAt);
        Assert.Equal(_t.Clock.GetUtcNow(), stored.LastEndUserActivityAt);
    }

    [Fact]
    public async Task Message_into_a_closed_conversation_starts_a_linked_follow_up()
    {
        var closed = await StartAsync();
        await _t.SetStatusAsync(closed.Conversation.Id, ConversationStatus.Closed);
        _t.Events.Clear();

        var posted = await PostAsync(closed.Conversation.Id, "One more thing", "late-1");

        Assert.True(posted.Created);
        Assert.NotEqual(closed.Conversation.Id, posted.Conversation.Id);
        Assert.Equal(closed.Conversation.Id, posted.Conversation.FollowUpOfId);
        Assert.Equal(ConversationStatus.New, posted.Conversation.Status);
        Assert.Equal(2, posted.Conversation.Number);
        Assert.Equal(1, posted.Message.Seq);
        Assert.Equal("One more thing", posted.Message.Text);
        var stillClosed = await _t.ReadConversationAsync(closed.Conversation.Id);
        Assert.Equal(ConversationStatus.Closed, stillClosed.Status);
        Assert.Equal(1, stillClosed.LastMessageSeq);
        Assert.Equal(1, await CountMessagesAsync(closed.Conversation.Id));
        Assert.Contains(_t.Events.Published, e => e is ConversationCreated c && c.Conversation.Id == posted.Conversation.Id);
    }

    [Fact]
    public async Task Retried_message_into_a_closed_conversation_returns_the_same_follow_up()
    {
        var closed = await StartAsync();
        await _t.SetStatusAsync(closed.Conversation.Id, ConversationStatus.Closed);
        var followUp = await PostAsync(closed.Conversation.Id, "One more thing", "late-1");

        var retry = await PostAsync(closed.Conversation.Id, "One more thing", "late-1");

        Assert.False(retry.Created);
        Assert.Equal(followUp.Conversation.Id, retry.Conversation.Id);
        Assert.Equal(followUp.Message.Id, retry.Message.Id);
        await using var db = _t.NewContext();
        Assert.Equal(1, await db.Conversations.CountAsync(c => c.FollowUpOfId == closed.Conversation.Id));
    }

    [Fact]
    public async Task Later_messages_into_a_closed_conversation_join_the_follow_up_the_first_one_started()
    {
        var closed = await StartAsync();
        await _t.SetStatusAsync(closed.Conversation.Id, ConversationStatus.Closed);
        var followUp = await PostAsync(closed.Conversation.Id, "One more thing", "late-1");

        var second = await PostAsync(closed.Conversation.Id, "And another", "late-2");

        Assert.True(second.Created);
        Assert.Equal(followUp.Conversation.Id, second.Conversation.Id);
        Assert.Equal(2, second.Message.Seq);
        await using var db = _t.NewContext();
        Assert.Equal(1, await db.Conversations.CountAsync(c => c.FollowUpOfId == closed.Conversation.Id));
    }

    [Fact]
    public async Task End_user_cannot_write_in_another_end_users_conversation()
    {
        var theirs = await _service.StartAsync(await _t.AddEndUserAsync(), new EndUserMessageInput("Mine", null), CancellationToken.None);

        var problem = await Assert.ThrowsAsync<ParleyProblem>(() => PostAsync(theirs.Conversation.Id));

        Assert.Equal(ProblemKind.NotFound, problem.Kind);
        Assert.Equal("conversation-not-found", problem.Code);
        Assert.Equal(1, await CountMessagesAsync(theirs.Conversation.Id));
    }

    [Fact]
    public async Task Agent_reply_takes_a_new_conversation_to_open()
    {
        var agent = await _t.AddAgentAsync();
        var started = await StartAsync();

        var reply = await _service.PostFromAgentAsync(agent, started.Conversation.Id, new AgentMessageInput("Hello!", "r-1"), CancellationToken.None);

        Assert.Equal(ConversationStatus.Open, reply.Conversation.Status);
        Assert.Equal(2, reply.Message.Seq);
        Assert.Equal(MessageAuthorKind.Agent, reply.Message.AuthorKind);
        Assert.Equal(new AuthorView(agent.AgentId, agent.Name), reply.Message.Author);
        var stored = await _t.ReadConversationAsync(started.Conversation.Id);
        Assert.Equal(ConversationStatus.Open, stored.Status);
        Assert.Equal(_t.Clock.GetUtcNow(), stored.ContinuityWindowStartedAt);
    }

    [Fact]
    public async Task Agent_without_chat_access_cannot_reply()
    {
        var agent = await _t.AddAgentAsync(chatAccess: false);
        var started = await StartAsync();
        _t.Events.Clear();

        var problem = await Assert.ThrowsAsync<ParleyProblem>(() =>
            _service.PostFromAgentAsync(agent, started.Conversation.Id, new AgentMessageInput("Hello!", null), CancellationToken.None));

        Assert.Equal(ProblemKind.Forbidden, problem.Kind);
        Assert.Equal("no-chat-access", problem.Code);
        Assert.Equal(1, await CountMessagesAsync(started.Conversation.Id));
        Assert.Empty(_t.Events.Published);
    }

    [Fact]
    public async Task Agent_without_chat_access_can_add_an_internal_note()
    {
        var agent = await _t.AddAgentAsync(chatAccess: false);
        var started = await StartAsync();

        var note = await _service.PostFromAgentAsync(agent, started.Conversation.Id,
            new AgentMessageInput("Customer is a VIP", null, IsInternalNote: true), CancellationToken.None);

        Assert.True(note.Message.IsInternalNote);
        Assert.Equal(2, await CountMessagesAsync(started.Conversation.Id));
    }

    [Fact]
    public async Task Internal_note_neither_opens_the_conversation_nor_starts_a_continuity_window()
    {
        var agent = await _t.AddAgentAsync();
        var started = await StartAsync();

        var note = await _service.PostFromAgentAsync(agent, started.Conversation.Id,
            new AgentMessageInput("Checking with the warehouse", null, IsInternalNote: true), CancellationToken.None);

        Assert.Equal(ConversationStatus.New, note.Conversation.Status);
        var stored = await _t.ReadConversationAsync(started.Conversation.Id);
        Assert.Null(stored.ContinuityWindowStartedAt);
        var published = Assert.Single(_t.Events.Published.OfType<MessageCreated>(), e => e.Message.Id == note.Message.Id);
        Assert.Null(published.VisibleToEndUserIn());
    }

    [Fact]
    public async Task Agent_cannot_reply_in_a_closed_conversation()
    {
        var agent = await _t.AddAgentAsync();
        var started = await StartAsync();
        await _t.SetStatusAsync(started.Conversation.Id, ConversationStatus.Closed);

        var problem = await Assert.ThrowsAsync<ParleyProblem>(() =>
            _service.PostFromAgentAsync(agent, started.Conversation.Id, new AgentMessageInput("Hello?", null), CancellationToken.None));

        Assert.Equal(ProblemKind.Conflict, problem.Kind);
        Assert.Equal("conversation-closed", problem.Code);
        Assert.Equal(1, await CountMessagesAsync(started.Conversation.Id));
    }

    [Fact]
    public async Task Start_publishes_conversation_created_and_message_created_after_commit()
    {
        var started = await StartAsync();

        Assert.Collection(_t.Events.Published,
            e => Assert.Equal(started.Conversation.Id, Assert.IsType<ConversationCreated>(e).Conversation.Id),
            e => Assert.Equal(started.Message.Id, Assert.IsType<MessageCreated>(e).Message.Id));
        Assert.False(_t.Events.PublishedBeforeCommit);
    }

    [Fact]
    public async Task Messages_publish_message_created_after_commit()
    {
        var agent = await _t.AddAgentAsync();
        var started = await StartAsync();
        _t.Events.Clear();

        var fromEndUser = await PostAsync(started.Conversation.Id);
        var fromAgent = await _service.PostFromAgentAsync(agent, started.Conversation.Id, new AgentMessageInput("Hi", null), CancellationToken.None);

        Assert.Equal(
            [fromEndUser.Message.Id, fromAgent.Message.Id],
            _t.Events.Published.Select(e => Assert.IsType<MessageCreated>(e).Message.Id));
        Assert.False(_t.Events.PublishedBeforeCommit);
    }

    [Fact]
    public async Task Refused_message_publishes_nothing_and_stores_nothing()
    {
        var started = await StartAsync();
        _t.Events.Clear();

        await Assert.ThrowsAsync<ParleyProblem>(() => PostAsync(started.Conversation.Id, "   "));
        await Assert.ThrowsAsync<ParleyProblem>(() => PostAsync(started.Conversation.Id, "Hello", "bad client id"));
        await Assert.ThrowsAsync<ParleyProblem>(() => PostAsync(Guid.CreateVersion7(), "Hello"));

        Assert.Empty(_t.Events.Published);
        Assert.Equal(1, await CountMessagesAsync(started.Conversation.Id));
    }

    [Fact]
    public async Task Refused_start_creates_no_conversation()
    {
        var problem = await Assert.ThrowsAsync<ParleyProblem>(() =>
            _service.StartAsync(_endUser, new EndUserMessageInput("Hi", null, PageUrl: "javascript:alert(1)"), CancellationToken.None));

        Assert.Equal(ProblemKind.Validation, problem.Kind);
        await using var db = _t.NewContext();
        Assert.Equal(0, await db.Conversations.CountAsync());
        Assert.Empty(_t.Events.Published);
    }

    [Fact]
    public async Task Retried_agent_reply_returns_the_stored_reply_with_its_author()
    {
        var admin = await _t.AddAgentAsync("Ada Admin", AgentRole.Admin);
        var started = await StartAsync();

        var reply = await _service.PostFromAgentAsync(admin, started.Conversation.Id, new AgentMessageInput("Hi", "r-9"), CancellationToken.None);
        var retry = await _service.PostFromAgentAsync(admin, started.Conversation.Id, new AgentMessageInput("Hi", "r-9"), CancellationToken.None);

        Assert.False(retry.Created);
        Assert.Equal(reply.Message.Id, retry.Message.Id);
        Assert.Equal(new AuthorView(admin.AgentId, "Ada Admin"), retry.Message.Author);
    }
}
