using System.Net;
using Parley.Core.Conversations;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Widget;

namespace Parley.Server.Tests.Widget;

/// <summary>A visitor in the messenger: session, conversations, messages, read position, reopening and follow-ups.</summary>
public abstract class MessengerConversationTests(ParleyApp app)
{
    [Fact]
    public async Task New_session_gets_an_unguessable_token_that_reaches_an_empty_conversation_list()
    {
        var response = await app.PostSessionAsync("de");
        var session = await Expect.JsonAsync<SessionResponse>(response, HttpStatusCode.Created);
        Assert.StartsWith("ms_", session.Token, StringComparison.Ordinal);
        Assert.True(session.Token.Length >= 40, "A session token carries at least 256 random bits.");
        Assert.NotEqual(Guid.Empty, session.EndUserId);

        var visitor = await app.NewVisitorAsync();
        Assert.Empty(await visitor.ListConversationsAsync());
        Assert.NotEqual(session.Token, visitor.Token);
    }

    [Fact]
    public async Task Session_with_a_bad_language_tag_is_a_validation_problem()
    {
        var response = await app.PostSessionAsync("not a language");
        var problem = await Expect.ProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty("language", out _));
    }

    [Fact]
    public async Task Ended_session_stops_working_at_once()
    {
        var visitor = await app.NewVisitorAsync();
        await Expect.StatusAsync(await visitor.EndSessionAsync(), HttpStatusCode.NoContent);
        await Expect.ProblemAsync(await visitor.ListConversationsResponseAsync(), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Messenger_config_is_public()
    {
        var config = await app.MessengerConfigAsync();
        Assert.True(config.Enabled);
        Assert.Matches("^#[0-9a-f]{6}$", config.Color);
    }

    [Fact]
    public async Task Starting_a_conversation_stores_the_first_message_as_seq_1_in_a_new_conversation()
    {
        var visitor = await app.NewVisitorAsync();
        var started = await visitor.StartConversationAsync("My order is late", pageUrl: "https://shop.example.com/orders/7");

        Assert.Equal(ConversationStatus.New, started.Conversation.Status);
        Assert.Equal(1, started.Conversation.LastMessageSeq);
        Assert.Null(started.Conversation.FollowUpOfId);
        Assert.True(started.Conversation.Number > 0);
        Assert.Equal(1, started.Message.Seq);
        Assert.Equal("My order is late", started.Message.Text);
        Assert.Equal(MessageAuthorKind.EndUser, started.Message.AuthorKind);
        Assert.Equal([started.Conversation.Id], (await visitor.ListConversationsAsync()).Select(c => c.Id));
        Assert.Equal(started.Conversation.Id, (await visitor.GetConversationAsync(started.Conversation.Id)).Id);
    }

    [Fact]
    public async Task Sent_messages_get_the_next_sequence_numbers_and_text_is_trimmed()
    {
        var visitor = await app.NewVisitorAsync();
        var id = (await visitor.StartConversationAsync("One")).Conversation.Id;
        var second = await visitor.SendAsync(id, "  Two  ");
        var third = await visitor.SendAsync(id, "Three");

        Assert.Equal(2, second.Message.Seq);
        Assert.Equal("Two", second.Message.Text);
        Assert.Equal(3, third.Message.Seq);
        Assert.Equal(3, third.Conversation.LastMessageSeq);
        Assert.Equal(["One", "Two", "Three"], (await visitor.HistoryAsync(id)).Select(m => m.Text));
        Assert.Equal(["Three"], (await visitor.HistoryAsync(id, after: 2)).Select(m => m.Text));
    }

    [Fact]
    public async Task History_excludes_internal_notes_that_agents_see()
    {
        var agent = await app.SignInNewAgentAsync();
        var visitor = await app.NewVisitorAsync();
        var id = (await visitor.StartConversationAsync("Question")).Conversation.Id;
        await agent.NoteAsync(id, "Check their plan first");
        await agent.ReplyAsync(id, "Answer");

        var history = await visitor.HistoryAsync(id);
        Assert.Equal([1L, 3L], history.Select(m => m.Seq));
        Assert.DoesNotContain(history, m => m.Text.Contains("plan", StringComparison.Ordinal));
        Assert.Equal(MessageAuthorKind.Agent, history[1].AuthorKind);

        var agentView = await agent.MessagesAsync(id);
        Assert.Equal([1L, 2L, 3L], agentView.Select(m => m.Seq));
        Assert.True(agentView[1].IsInternalNote);
    }

    [Fact]
    public async Task Read_position_moves_forward_only()
    {
        var agent = await app.SignInNewAgentAsync();
        var visitor = await app.NewVisitorAsync();
        var id = (await visitor.StartConversationAsync()).Conversation.Id;
        await agent.ReplyAsync(id, "Two");
        await agent.ReplyAsync(id, "Three");

        Assert.Equal(3, (await visitor.MarkReadAsync(id, 3)).EndUserReadSeq);
        Assert.Equal(3, (await visitor.MarkReadAsync(id, 1)).EndUserReadSeq);
        Assert.Equal(3, (await visitor.GetConversationAsync(id)).EndUserReadSeq);
        Assert.Equal(3, (await app.StoredConversationAsync(id)).EndUserReadSeq);
    }

    [Fact]
    public async Task Read_position_beyond_the_last_message_is_a_validation_problem_and_changes_nothing()
    {
        var visitor = await app.NewVisitorAsync();
        var id = (await visitor.StartConversationAsync()).Conversation.Id;

        var problem = await Expect.ProblemAsync(await visitor.PostReadAsync(id, 2), HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty("seq", out _));
        await Expect.ProblemAsync(await visitor.PostReadAsync(id, -1), HttpStatusCode.BadRequest, "validation");
        Assert.Equal(0, (await app.StoredConversationAsync(id)).EndUserReadSeq);
    }

    [Fact]
    public async Task Message_into_a_solved_conversation_reopens_it()
    {
        var agent = await app.SignInNewAgentAsync();
        var visitor = await app.NewVisitorAsync();
        var id = (await visitor.StartConversationAsync()).Conversation.Id;
        await agent.ReplyAsync(id, "Fixed it");
        await agent.ChangeStatusAsync(id, ConversationStatus.Solved);

        var posted = await visitor.SendAsync(id, "Actually, it broke again");

        Assert.Equal(id, posted.Conversation.Id);
        Assert.Equal(ConversationStatus.Open, posted.Conversation.Status);
        Assert.Equal(3, posted.Message.Seq);
        var stored = await app.StoredConversationAsync(id);
        Assert.Equal(ConversationStatus.Open, stored.Status);
        Assert.Null((await agent.GetConversationAsync(id)).Conversation.SolvedAt);
    }

    [Fact]
    public async Task Message_after_the_conversation_closed_starts_a_follow_up_linked_to_it()
    {
        var agent = await app.SignInNewAgentAsync();
        var visitor = await app.NewVisitorAsync();
        var closed = (await visitor.StartConversationAsync("First problem")).Conversation.Id;
        await agent.ReplyAsync(closed, "Solved for you");
        await agent.ChangeStatusAsync(closed, ConversationStatus.Solved);

        app.Clock.Advance(TimeSpan.FromDays(5));
        Assert.True(await app.CloseDueConversationsAsync() >= 1);
        Assert.Equal(ConversationStatus.Closed, (await visitor.GetConversationAsync(closed)).Status);

        var clientId = Visitor.NewClientId();
        var posted = await Expect.JsonAsync<MessengerPosted>(await visitor.PostMessageAsync(closed, "A new problem", clientId), HttpStatusCode.Created);

        Assert.NotEqual(closed, posted.Conversation.Id);
        Assert.Equal(closed, posted.Conversation.FollowUpOfId);
        Assert.Equal(ConversationStatus.New, posted.Conversation.Status);
        Assert.Equal(1, posted.Message.Seq);
        Assert.Equal(["A new problem"], (await visitor.HistoryAsync(posted.Conversation.Id)).Select(m => m.Text));
        var old = await app.StoredConversationAsync(closed);
        Assert.Equal(ConversationStatus.Closed, old.Status);
        Assert.Equal([1L, 2L], old.MessageSeqs);

        // The same send retried (into the closed conversation, as the messenger would) lands on the same follow-up.
        var retried = await Expect.JsonAsync<MessengerPosted>(await visitor.PostMessageAsync(closed, "A new problem", clientId), HttpStatusCode.OK);
        Assert.Equal(posted.Conversation.Id, retried.Conversation.Id);
        Assert.Equal(posted.Message.Id, retried.Message.Id);
        Assert.Equal([closed, posted.Conversation.Id], await app.StoredConversationIdsAsync(visitor.EndUserId));
    }

    [Fact]
    public async Task Closed_conversation_cannot_be_replied_to_reassigned_or_reopened_by_an_agent()
    {
        var visitor = await app.NewVisitorAsync();
        var agent = await app.SignInNewAgentAsync();
        var id = (await visitor.StartConversationAsync()).Conversation.Id;
        await agent.ChangeStatusAsync(id, ConversationStatus.Solved);
        app.Clock.Advance(TimeSpan.FromDays(5));
        await app.CloseDueConversationsAsync();

        // The clock moved past the cookie's lifetime; sign in afresh.
        var later = await app.SignInNewAgentAsync();
        await Expect.ProblemAsync(await later.PostReplyAsync(id, "Hello?"), HttpStatusCode.Conflict, "conversation-closed");
        await Expect.ProblemAsync(await later.PutAssigneeAsync(id, later.Id), HttpStatusCode.Conflict, "conversation-closed");
        await Expect.ProblemAsync(await later.PutStatusAsync(id, "open"), HttpStatusCode.Conflict, "conversation-closed");
        var stored = await app.StoredConversationAsync(id);
        Assert.Equal(ConversationStatus.Closed, stored.Status);
        Assert.Null(stored.AssigneeId);
        Assert.Equal([1L], stored.MessageSeqs);
    }
}

public sealed class MessengerConversationTests_Sqlite(SqliteApp app) : MessengerConversationTests(app), IClassFixture<SqliteApp>;

public sealed class MessengerConversationTests_Postgres(PostgresApp app) : MessengerConversationTests(app), IClassFixture<PostgresApp>;
