using System.Net;
using Parley.Core.Accounts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Auth;

/// <summary>Agent sign-in with a cookie, lockout after repeated failures, sign-out and deactivation.</summary>
public abstract class SignInTests(ParleyApp app)
{
    private const int MaxFailedAttempts = 5;
    private static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task Sign_in_sets_a_strict_http_only_cookie_that_authenticates_the_agent()
    {
        var agent = await app.CreateAgentAsync(name: "Cookie Monster");
        var client = app.CookieClient();
        await Expect.ProblemAsync(await client.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized, "unauthorized");

        var response = await app.SignInAsync(client, agent.Email.ToUpperInvariant(), ParleyApp.TestPassword);

        var signedIn = await Expect.JsonAsync<AgentView>(response, HttpStatusCode.OK);
        Assert.Equal(agent.Id, signedIn.Id);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("parley.agent=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var me = await Expect.JsonAsync<AgentView>(await client.GetAsync("/api/v1/me"), HttpStatusCode.OK);
        Assert.Equal("Cookie Monster", me.Name);
    }

    [Fact]
    public async Task Wrong_password_or_unknown_email_is_the_same_401_problem_and_sets_no_cookie()
    {
        var agent = await app.CreateAgentAsync();
        var client = app.CookieClient();

        var wrong = await app.SignInAsync(client, agent.Email, "not-the-password");
        var wrongProblem = await Expect.ProblemAsync(wrong, HttpStatusCode.Unauthorized, "invalid-credentials");
        Assert.False(wrong.Headers.Contains("Set-Cookie"));
        var unknown = await Expect.ProblemAsync(await app.SignInAsync(client, "nobody@parley.test", ParleyApp.TestPassword), HttpStatusCode.Unauthorized, "invalid-credentials");
        Assert.Equal(wrongProblem.GetProperty("title").GetString(), unknown.GetProperty("title").GetString());
        await Expect.ProblemAsync(await app.SignInAsync(client, "", ""), HttpStatusCode.Unauthorized, "invalid-credentials");
        await Expect.ProblemAsync(await client.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_password_until_the_lockout_passes()
    {
        var agent = await app.CreateAgentAsync();
        var client = app.CookieClient();

        for (var i = 1; i < MaxFailedAttempts; i++)
        {
            await Expect.ProblemAsync(await app.SignInAsync(client, agent.Email, $"wrong-{i}"), HttpStatusCode.Unauthorized, "invalid-credentials");
        }
        await Expect.ProblemAsync(await app.SignInAsync(client, agent.Email, "wrong-5"), (HttpStatusCode)423, "locked-out");
        await Expect.ProblemAsync(await app.SignInAsync(client, agent.Email, ParleyApp.TestPassword), (HttpStatusCode)423, "locked-out");

        app.Clock.Advance(Lockout - TimeSpan.FromSeconds(1));
        await Expect.ProblemAsync(await app.SignInAsync(client, agent.Email, ParleyApp.TestPassword), (HttpStatusCode)423, "locked-out");

        app.Clock.Advance(TimeSpan.FromSeconds(2));
        await Expect.StatusAsync(await app.SignInAsync(client, agent.Email, ParleyApp.TestPassword), HttpStatusCode.OK);
        await Expect.StatusAsync(await client.GetAsync("/api/v1/me"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Successful_sign_in_resets_the_failure_count()
    {
        var agent = await app.CreateAgentAsync();
        var client = app.CookieClient();
        for (var i = 1; i < MaxFailedAttempts; i++)
        {
            await Expect.ProblemAsync(await app.SignInAsync(client, agent.Email, "wrong"), HttpStatusCode.Unauthorized, "invalid-credentials");
        }
        await Expect.StatusAsync(await app.SignInAsync(client, agent.Email, ParleyApp.TestPassword), HttpStatusCode.OK);
        for (var i = 1; i < MaxFailedAttempts; i++)
        {
            await Expect.ProblemAsync(await app.SignInAsync(client, agent.Email, "wrong"), HttpStatusCode.Unauthorized, "invalid-credentials");
        }
        await Expect.StatusAsync(await app.SignInAsync(client, agent.Email, ParleyApp.TestPassword), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        var agent = await app.SignInNewAgentAsync();
        await Expect.StatusAsync(await agent.SignOutAsync(), HttpStatusCode.NoContent);
        await Expect.ProblemAsync(await agent.GetMeAsync(), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Deactivating_an_agent_ends_their_cookie_session_at_once_and_blocks_sign_in()
    {
        var agent = await app.SignInNewAgentAsync();
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        await Expect.StatusAsync(await agent.GetMeAsync(), HttpStatusCode.OK);

        await admin.UpdateAgentAsync(agent.Id, new { isActive = false });

        await Expect.ProblemAsync(await agent.GetMeAsync(), HttpStatusCode.Unauthorized, "unauthorized");
        await Expect.ProblemAsync(await agent.ListResponseAsync(), HttpStatusCode.Unauthorized, "unauthorized");
        await Expect.ProblemAsync(await app.SignInAsync(app.CookieClient(), agent.Email, ParleyApp.TestPassword), HttpStatusCode.Unauthorized, "invalid-credentials");
    }

    [Fact]
    public async Task Session_cookie_expires_after_twelve_idle_hours()
    {
        var agent = await app.SignInNewAgentAsync();
        app.Clock.Advance(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1));
        await Expect.ProblemAsync(await agent.GetMeAsync(), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Malformed_sign_in_body_is_a_malformed_request_problem()
    {
        var response = await app.CookieClient().PostAsync("/api/v1/auth/sign-in", RawBody.Json("{\"email\": 42"));
        await Expect.ProblemAsync(response, HttpStatusCode.BadRequest, "malformed-request");
    }
}

public sealed class SignInTests_Sqlite(SqliteApp app) : SignInTests(app), IClassFixture<SqliteApp>;

public sealed class SignInTests_Postgres(PostgresApp app) : SignInTests(app), IClassFixture<PostgresApp>;
