using System.Net;
using Parley.Core.Accounts;
using Parley.Server.Api;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Auth;

/// <summary>Settings, the team and API tokens are changed by admins only; the server checks every request.</summary>
public abstract class AdminOnlyTests(ParleyApp app)
{
    [Fact]
    public async Task Non_admin_cannot_change_settings()
    {
        var agent = await app.SignInNewAgentAsync();
        var before = await app.StoredSettingsAsync();

        await Expect.ProblemAsync(await agent.PatchSettingsAsync(new { businessName = "Hijacked" }), HttpStatusCode.Forbidden, "forbidden");

        Assert.Equivalent(before, await app.StoredSettingsAsync(), strict: true);
    }

    [Fact]
    public async Task Non_admin_cannot_create_agents()
    {
        var agent = await app.SignInNewAgentAsync();
        var email = $"sneaky-{Guid.NewGuid():N}@parley.test";

        await Expect.ProblemAsync(await agent.PostAgentAsync("Sneaky", email, AgentRole.Admin), HttpStatusCode.Forbidden, "forbidden");

        Assert.False(await app.AgentExistsAsync(email));
    }

    [Fact]
    public async Task Non_admin_cannot_promote_themselves_or_change_colleagues()
    {
        var agent = await app.SignInNewAgentAsync();
        var colleague = await app.CreateAgentAsync();

        await Expect.ProblemAsync(await agent.PatchAgentAsync(agent.Id, new { role = "admin" }), HttpStatusCode.Forbidden, "forbidden");
        await Expect.ProblemAsync(await agent.PatchAgentAsync(colleague.Id, new { isActive = false }), HttpStatusCode.Forbidden, "forbidden");

        var team = await agent.ListAgentsAsync();
        Assert.Equal(AgentRole.Agent, team.Single(a => a.Id == agent.Id).Role);
        Assert.True(team.Single(a => a.Id == colleague.Id).IsActive);
    }

    [Fact]
    public async Task Non_admin_cannot_list_create_or_revoke_api_tokens()
    {
        var agent = await app.SignInNewAgentAsync();
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        var existing = await admin.CreateApiTokenAsync("kept", ["read"]);
        var name = "stolen-" + Guid.NewGuid().ToString("N");

        await Expect.ProblemAsync(await agent.PostApiTokenAsync(name, ["read", "write"]), HttpStatusCode.Forbidden, "forbidden");
        await Expect.ProblemAsync(await agent.ListApiTokensResponseAsync(), HttpStatusCode.Forbidden, "forbidden");
        await Expect.ProblemAsync(await agent.DeleteApiTokenAsync(existing.Token.Id), HttpStatusCode.Forbidden, "forbidden");

        Assert.DoesNotContain(name, await app.StoredApiTokenNamesAsync());
        var stillWorks = app.TokenClient(existing.Secret, admin.Id, admin.Email);
        await Expect.StatusAsync(await stillWorks.ListResponseAsync(), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Admin_creates_an_agent_who_can_then_sign_in()
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        var email = $"new-{Guid.NewGuid():N}@parley.test";

        var created = await Expect.JsonAsync<CreatedAgent>(await admin.PostAgentAsync("New Hire", email), HttpStatusCode.Created);

        Assert.Equal(AgentRole.Agent, created.Agent.Role);
        Assert.Null(created.GeneratedPassword);
        await Expect.StatusAsync(await app.SignInAsync(app.CookieClient(), email, ParleyApp.TestPassword), HttpStatusCode.OK);
        await Expect.ProblemAsync(await admin.PostAgentAsync("Twin", email), HttpStatusCode.Conflict, "agent-email-taken");
    }

    [Fact]
    public async Task Demoted_admin_loses_admin_rights_at_once()
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        var other = await app.SignInNewAgentAsync(AgentRole.Admin);
        await Expect.StatusAsync(await other.PatchSettingsAsync(new { greeting = "Still admin" }), HttpStatusCode.OK);

        await admin.UpdateAgentAsync(other.Id, new { role = "agent" });

        var before = await app.StoredSettingsAsync();
        await Expect.ProblemAsync(await other.PatchSettingsAsync(new { greeting = "Not any more" }), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equivalent(before, await app.StoredSettingsAsync(), strict: true);
    }

    [Fact]
    public async Task Unauthenticated_requests_to_admin_endpoints_are_401_problems()
    {
        var anonymous = app.AnonymousAgent();
        var before = await app.StoredSettingsAsync();
        await Expect.ProblemAsync(await anonymous.PatchSettingsAsync(new { businessName = "x" }), HttpStatusCode.Unauthorized, "unauthorized");
        await Expect.ProblemAsync(await anonymous.PostAgentAsync("x", $"x-{Guid.NewGuid():N}@parley.test"), HttpStatusCode.Unauthorized, "unauthorized");
        await Expect.ProblemAsync(await anonymous.PostApiTokenAsync("x", ["read"]), HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equivalent(before, await app.StoredSettingsAsync(), strict: true);
    }
}

public sealed class AdminOnlyTests_Sqlite(SqliteApp app) : AdminOnlyTests(app), IClassFixture<SqliteApp>;

public sealed class AdminOnlyTests_Postgres(PostgresApp app) : AdminOnlyTests(app), IClassFixture<PostgresApp>;
