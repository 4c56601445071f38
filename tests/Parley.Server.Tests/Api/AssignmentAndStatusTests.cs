using System.Net;
using Parley.Core.Accounts;
using Parley.Core.Conversations;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Api;

/// <summary>Assigning conversations (only to agents with chat access) and moving them through the status lifecycle.</summary>
public abstract class AssignmentAndStatusTests(ParleyApp app)
{
    private async Task<Guid> NewConversationAsync() => (await (await app.NewVisitorAsync()).StartConversationAsync()).Conversation.Id;

    [Fact]
    public async Task Agent_assigns_a_new_conversation_to_themselves_and_it_becomes_open()
    {
        var agent = await app.SignInNewAgentAsync();
        var id = await NewConversationAsync();

        var summary = await Expect.JsonAsync<ConversationSummary>(await agent.PutAssigneeAsync(id, agent.Id), HttpStatusCode.OK);

        Assert.Equal(agent.Id, summary.AssigneeId);
        Assert.Equal(ConversationStatus.Open, summary.Status);
        Assert.Contains(id, await agent.ViewIdsAsync("mine", [id]));
        Assert.Empty(await agent.ViewIdsAsync("unassigned", [id]));
    }

    [Fact]
    public async Task Agent_assigns_to_a_colleague_and_can_unassign_again()
    {
        var agent = await app.SignInNewAgentAsync();
        var colleague = await app.SignInNewAgentAsync(name: "Colleague");
        var id = await NewConversationAsync();

        await Expect.StatusAsync(await agent.PutAssigneeAsync(id, colleague.Id), HttpStatusCode.OK);
        var detail = await agent.GetConversationAsync(id);
        Assert.Equal(colleague.Id, detail.Conversation.AssigneeId);
        Assert.Equal("Colleague", detail.AssigneeName);
        Assert.Equal([id], await colleague.ViewIdsAsync("mine", [id]));

        var unassigned = await Expect.JsonAsync<ConversationSummary>(await agent.PutAssigneeAsync(id, null), HttpStatusCode.OK);
        Assert.Null(unassigned.AssigneeId);
        Assert.Equal(ConversationStatus.Open, unassigned.Status);
        Assert.Equal([id], await agent.ViewIdsAsync("unassigned", [id]));
    }

    [Fact]
    public async Task Assigning_to_an_unknown_or_deactivated_agent_is_a_validation_problem_and_changes_nothing()
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        var gone = await app.CreateAgentAsync();
        await admin.UpdateAgentAsync(gone.Id, new { isActive = false });
        var id = await NewConversationAsync();
        var before = await app.StoredConversationAsync(id);

        var unknown = await Expect.ProblemAsync(await admin.PutAssigneeAsync(id, Guid.NewGuid()), HttpStatusCode.BadRequest, "validation");
        Assert.True(unknown.GetProperty("errors").TryGetProperty("assigneeId", out _));
        await Expect.ProblemAsync(await admin.PutAssigneeAsync(id, gone.Id), HttpStatusCode.BadRequest, "validation");
        Assert.Equal(before, await app.StoredConversationAsync(id));
    }

    [Fact]
    public async Task Agent_without_chat_access_cannot_take_or_reply_and_nothing_changes()
    {
        var noChat = await app.SignInNewAgentAsync(chatAccess: false);
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        var id = await NewConversationAsync();
        var before = await app.StoredConversationAsync(id);

        await Expect.ProblemAsync(await noChat.PutAssigneeAsync(id, noChat.Id), HttpStatusCode.Forbidden, "no-chat-access");
        var byAdmin = await Expect.ProblemAsync(await admin.PutAssigneeAsync(id, noChat.Id), HttpStatusCode.BadRequest, "validation");
        Assert.True(byAdmin.GetProperty("errors").TryGetProperty("assigneeId", out _));
        await Expect.ProblemAsync(await noChat.PostReplyAsync(id, "Let me help"), HttpStatusCode.Forbidden, "no-chat-access");

        Assert.Equal(before, await app.StoredConversationAsync(id));
        Assert.Empty(await noChat.ViewIdsAsync("mine", [id]));
    }

    [Fact]
    public async Task Agent_without_chat_access_may_still_read_and_leave_internal_notes()
    {
        var noChat = await app.SignInNewAgentAsync(chatAccess: false);
        var id = await NewConversationAsync();
        var note = await noChat.NoteAsync(id, "Escalating to billing");
        Assert.True(note.IsInternalNote);
        Assert.Equal(ConversationStatus.New, (await noChat.GetConversationAsync(id)).Conversation.Status);
    }

    [Fact]
    public async Task Removing_chat_access_applies_to_a_signed_in_agent_at_once()
    {
        var agent = await app.SignInNewAgentAsync();
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        var id = await NewConversationAsync();
        await agent.ReplyAsync(id, "First reply");

        await admin.UpdateAgentAsync(agent.Id, new { chatAccess = false });

        await Expect.ProblemAsync(await agent.PostReplyAsync(id, "Second reply"), HttpStatusCode.Forbidden, "no-chat-access");
        await Expect.ProblemAsync(await agent.PutAssigneeAsync(id, agent.Id), HttpStatusCode.Forbidden, "no-chat-access");
        Assert.Equal([1L, 2L], (await app.StoredConversationAsync(id)).MessageSeqs);
    }

    [Fact]
    public async Task Integration_acting_for_an_agent_without_chat_access_cannot_reply()
    {
        var owner = await app.CreateAgentAsync(chatAccess: false);
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        var token = await admin.CreateApiTokenAsync("bot", ["read", "write"], owner.Id);
        var integration = app.TokenClient(token.Secret, owner.Id, owner.Email);
        var id = await NewConversationAsync();

        await Expect.ProblemAsync(await integration.PostReplyAsync(id, "Automated"), HttpStatusCode.Forbidden, "no-chat-access");
        Assert.Equal([1L], (await app.StoredConversationAsync(id)).MessageSeqs);
    }

    [Fact]
    public async Task Agent_moves_a_conversation_through_open_pending_on_hold_solved_and_back()
    {
        var agent = await app.SignInNewAgentAsync();
        var id = await NewConversationAsync();

        Assert.Equal(ConversationStatus.Open, (await agent.ChangeStatusAsync(id, ConversationStatus.Open)).Status);
        Assert.Equal(ConversationStatus.Pending, (await agent.ChangeStatusAsync(id, ConversationStatus.Pending)).Status);
        Assert.Equal(ConversationStatus.OnHold, (await agent.ChangeStatusAsync(id, ConversationStatus.OnHold)).Status);
        var solved = await agent.ChangeStatusAsync(id, ConversationStatus.Solved);
        Assert.Equal(ConversationStatus.Solved, solved.Status);
        Assert.Equal(app.Clock.GetUtcNow(), solved.SolvedAt!.Value, TimeSpan.FromMilliseconds(1));
        var reopened = await agent.ChangeStatusAsync(id, ConversationStatus.Open);
        Assert.Null(reopened.SolvedAt);
        Assert.Equal(ConversationStatus.Open, (await app.StoredConversationAsync(id)).Status);
    }

    [Fact]
    public async Task First_agent_reply_opens_a_new_conversation()
    {
        var agent = await app.SignInNewAgentAsync();
        var id = await NewConversationAsync();
        await agent.ReplyAsync(id, "Hi!");
        Assert.Equal(ConversationStatus.Open, (await agent.GetConversationAsync(id)).Conversation.Status);
    }

    [Theory]
    [InlineData("closed")]
    [InlineData("new")]
    public async Task Agent_cannot_close_by_hand_nor_go_back_to_new(string status)
    {
        var agent = await app.SignInNewAgentAsync();
        var id = await NewConversationAsync();
        await agent.ChangeStatusAsync(id, ConversationStatus.Solved);
        var before = await app.StoredConversationAsync(id);

        var problem = await Expect.ProblemAsync(await agent.PutStatusAsync(id, status), HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty("status", out _));
        Assert.Equal(before, await app.StoredConversationAsync(id));
    }

    [Fact]
    public async Task Solved_conversation_closes_after_the_configured_days_and_not_before()
    {
        var agent = await app.SignInNewAgentAsync();
        var id = await NewConversationAsync();
        await agent.ChangeStatusAsync(id, ConversationStatus.Solved);

        app.Clock.Advance(TimeSpan.FromDays(4) - TimeSpan.FromMinutes(1));
        await app.CloseDueConversationsAsync();
        Assert.Equal(ConversationStatus.Solved, (await app.StoredConversationAsync(id)).Status);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.CloseDueConversationsAsync();
        Assert.Equal(ConversationStatus.Closed, (await app.StoredConversationAsync(id)).Status);
    }
}

public sealed class AssignmentAndStatusTests_Sqlite(SqliteApp app) : AssignmentAndStatusTests(app), IClassFixture<SqliteApp>;

public sealed class AssignmentAndStatusTests_Postgres(PostgresApp app) : AssignmentAndStatusTests(app), IClassFixture<PostgresApp>;
