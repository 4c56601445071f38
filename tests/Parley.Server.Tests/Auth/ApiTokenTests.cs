using System.Net;
using Parley.Core.Accounts;
using Parley.Core.Conversations;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Auth;

/// <summary>API tokens: scoped, limited by their owner's role, shown once, revocable.</summary>
public abstract class ApiTokenTests(ParleyApp app)
{
    private async Task<Guid> NewConversationAsync() => (await (await app.NewVisitorAsync()).StartConversationAsync()).Conversation.Id;

    [Fact]
    public async Task Read_only_token_can_read_but_gets_403_on_every_write_and_nothing_changes()
    {
        var reader = await app.ApiTokenClientAsync(ApiScopes.Read);
        var id = await NewConversationAsync();
        var before = await app.StoredConversationAsync(id);

        Assert.Contains(id, await reader.ViewIdsAsync("unassigned", [id]));
        Assert.Equal(id, (await reader.GetConversationAsync(id)).Conversation.Id);
        await using (var events = await reader.OpenEventsAsync())
        {
            await NewConversationAsync();
            Assert.Equal("conversation.created", (await events.NextAsync()).Type);
        }

        await Expect.ProblemAsync(await reader.PostReplyAsync(id, "Hello from a bot"), HttpStatusCode.Forbidden, "forbidden");
        await Expect.ProblemAsync(await reader.SendBodyAsync(HttpMethod.Post, id, "notes", RawBody.Json("{\"text\":\"note\"}")), HttpStatusCode.Forbidden, "forbidden");
        await Expect.ProblemAsync(await reader.PutAssigneeAsync(id, reader.Id), HttpStatusCode.Forbidden, "forbidden");
        await Expect.ProblemAsync(await reader.PutStatusAsync(id, "solved"), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(before, await app.StoredConversationAsync(id));
    }

    [Fact]
    public async Task Write_token_replies_as_its_owner()
    {
        var writer = await app.ApiTokenClientAsync(ApiScopes.Read | ApiScopes.Write);
        var id = await NewConversationAsync();

        var reply = await writer.ReplyAsync(id, "Automated answer", doNotEmail: true);

        Assert.Equal(writer.Id, reply.Author!.Id);
        Assert.Equal(MessageAuthorKind.Agent, reply.AuthorKind);
        Assert.True(reply.DoNotEmail);
    }

    [Fact]
    public async Task Token_created_through_the_api_is_shown_once_and_stops_working_when_revoked()
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        var created = await admin.CreateApiTokenAsync("CRM sync", ["read", "write"]);
        Assert.StartsWith("pat_", created.Secret, StringComparison.Ordinal);
        Assert.StartsWith(created.Token.Prefix, created.Secret, StringComparison.Ordinal);
        Assert.Equal(["read", "write"], created.Token.Scopes);
        var listed = await (await admin.ListApiTokensResponseAsync()).Content.ReadAsStringAsync();
        Assert.Contains(created.Token.Id.ToString(), listed, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Secret, listed, StringComparison.Ordinal);

        var integration = app.TokenClient(created.Secret, admin.Id, admin.Email);
        await Expect.StatusAsync(await integration.ListResponseAsync(), HttpStatusCode.OK);

        await admin.RevokeApiTokenAsync(created.Token.Id);

        await Expect.ProblemAsync(await integration.ListResponseAsync(), HttpStatusCode.Unauthorized, "unauthorized");
        var id = await NewConversationAsync();
        await Expect.ProblemAsync(await integration.PostReplyAsync(id, "After revocation"), HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal([1L], (await app.StoredConversationAsync(id)).MessageSeqs);
    }

    [Fact]
    public async Task Revoking_an_unknown_token_is_404()
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        await Expect.ProblemAsync(await admin.DeleteApiTokenAsync(Guid.NewGuid()), HttpStatusCode.NotFound, "api-token-not-found");
    }

    [Fact]
    public async Task Token_without_admin_scope_cannot_change_settings_even_for_an_admin_owner()
    {
        var withoutAdmin = await app.ApiTokenClientAsync(ApiScopes.Read | ApiScopes.Write, AgentRole.Admin);
        var withAdmin = await app.ApiTokenClientAsync(ApiScopes.Read | ApiScopes.Admin, AgentRole.Admin);
        var before = await app.StoredSettingsAsync();

        await Expect.ProblemAsync(await withoutAdmin.PatchSettingsAsync(new { greeting = "From a token" }), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equivalent(before, await app.StoredSettingsAsync(), strict: true);

        await Expect.StatusAsync(await withAdmin.PatchSettingsAsync(new { greeting = "From an admin token" }), HttpStatusCode.OK);
        Assert.Equal("From an admin token", (await app.StoredSettingsAsync()).Greeting);
    }

    [Fact]
    public async Task Admin_scope_counts_only_while_the_owner_is_an_admin()
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        var owner = await app.CreateAgentAsync(AgentRole.Admin);
        var token = await admin.CreateApiTokenAsync("owner's admin token", ["read", "admin"], owner.Id);
        var integration = app.TokenClient(token.Secret, owner.Id, owner.Email);
        await Expect.StatusAsync(await integration.ListApiTokensResponseAsync(), HttpStatusCode.OK);

        await admin.UpdateAgentAsync(owner.Id, new { role = "agent" });

        await Expect.ProblemAsync(await integration.ListApiTokensResponseAsync(), HttpStatusCode.Forbidden, "forbidden");
        await Expect.ProblemAsync(await integration.PatchSettingsAsync(new { greeting = "Demoted" }), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Admin_scope_cannot_be_given_to_a_non_admin_owner_nor_unknown_scopes_to_anyone()
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        var agent = await app.CreateAgentAsync();
        var names = await app.StoredApiTokenNamesAsync();

        var adminForAgent = await Expect.ProblemAsync(await admin.PostApiTokenAsync("too much", ["admin"], agent.Id), HttpStatusCode.BadRequest, "validation");
        Assert.True(adminForAgent.GetProperty("errors").TryGetProperty("scopes", out _));
        await Expect.ProblemAsync(await admin.PostApiTokenAsync("unknown", ["superuser"]), HttpStatusCode.BadRequest, "validation");
        await Expect.ProblemAsync(await admin.PostApiTokenAsync("none", []), HttpStatusCode.BadRequest, "validation");
        await Expect.ProblemAsync(await admin.PostApiTokenAsync(" ", ["read"]), HttpStatusCode.BadRequest, "validation");

        Assert.Equal(names.Order(), (await app.StoredApiTokenNamesAsync()).Order());
    }

    [Fact]
    public async Task Token_of_a_deactivated_agent_stops_working()
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        var integration = await app.ApiTokenClientAsync(ApiScopes.Read, AgentRole.Agent);
        await Expect.StatusAsync(await integration.ListResponseAsync(), HttpStatusCode.OK);

        await admin.UpdateAgentAsync(integration.Id, new { isActive = false });

        await Expect.ProblemAsync(await integration.ListResponseAsync(), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_token_created_to_write_can_also_read_what_it_changes()
    {
        var visitor = await app.NewVisitorAsync();
        var started = await visitor.StartConversationAsync("Can an integration read me?");
        var writer = await app.ApiTokenClientAsync(ApiScopes.Write);

        var detail = await writer.GetConversationAsync(started.Conversation.Id);
        await writer.ReplyAsync(started.Conversation.Id, "Yes, and answer you.");

        Assert.Equal(started.Conversation.Id, detail.Conversation.Id);
        await using var events = await writer.OpenEventsAsync();
    }
}

public sealed class ApiTokenTests_Sqlite(SqliteApp app) : ApiTokenTests(app), IClassFixture<SqliteApp>;

public sealed class ApiTokenTests_Postgres(PostgresApp app) : ApiTokenTests(app), IClassFixture<PostgresApp>;
