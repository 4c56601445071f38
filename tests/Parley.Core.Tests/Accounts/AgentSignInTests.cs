using Parley.Core.Accounts;

namespace Parley.Core.Tests.Accounts;

public sealed class AgentSignInTests : IAsyncLifetime
{
    private const string Email = "sam@example.com";
    private const string Password = "a long enough password";

    private TestDatabase _t = null!;
    private AgentSignIn _signIn = null!;
    private Guid _agentId;

    public async Task InitializeAsync()
    {
        _t = await TestDatabase.CreateAsync();
        _signIn = _t.SignIn();
        var (agent, _) = await _t.Agents().CreateAsync(new NewAgent("Sam Support", Email, Password), CancellationToken.None);
        _agentId = agent.Id;
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private Task<SignInResult> SignInAsync(string? email = Email, string? password = Password) =>
        _signIn.SignInAsync(email, password, CancellationToken.None);

    [Fact]
    public async Task Correct_password_signs_in()
    {
        var result = await SignInAsync();

        Assert.Equal(SignInOutcome.Success, result.Outcome);
        Assert.Equal(_agentId, result.Agent?.Id);
        Assert.Equal(_t.Clock.GetUtcNow(), (await ReadAgentAsync()).LastSignInAt);
    }

    [Fact]
    public async Task Wrong_password_is_refused()
    {
        var result = await SignInAsync(password: "not the password");

        Assert.Equal(SignInOutcome.WrongCredentials, result.Outcome);
        Assert.Null(result.Agent);
        Assert.Equal(1, (await ReadAgentAsync()).FailedSignInCount);
    }

    [Theory]
    [InlineData("SAM@EXAMPLE.COM")]
    [InlineData("Sam@Example.com")]
    [InlineData("  sam@example.com ")]
    public async Task Email_is_case_insensitive(string email)
    {
        var result = await SignInAsync(email);

        Assert.Equal(SignInOutcome.Success, result.Outcome);
        Assert.Equal(_agentId, result.Agent?.Id);
    }

    [Theory]
    [InlineData("nobody@example.com", Password)]
    [InlineData(null, Password)]
    [InlineData("", Password)]
    [InlineData(Email, null)]
    [InlineData(Email, "")]
    public async Task Unknown_or_missing_credentials_are_refused(string? email, string? password)
    {
        var result = await SignInAsync(email, password);

        Assert.Equal(SignInOutcome.WrongCredentials, result.Outcome);
        Assert.Null(result.Agent);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        for (var i = 1; i < 5; i++)
        {
            Assert.Equal(SignInOutcome.WrongCredentials, (await SignInAsync(password: $"wrong {i}")).Outcome);
        }

        var fifth = await SignInAsync(password: "wrong 5");

        Assert.Equal(SignInOutcome.LockedOut, fifth.Outcome);
        Assert.Equal(_t.Clock.GetUtcNow().AddMinutes(15), fifth.LockedUntil);
    }

    [Fact]
    public async Task Locked_account_refuses_even_the_right_password_until_the_lockout_ends()
    {
        for (var i = 0; i < 5; i++)
        {
            await SignInAsync(password: "wrong");
        }

        _t.Clock.Advance(TimeSpan.FromMinutes(14));
        var whileLocked = await SignInAsync();
        _t.Clock.Advance(TimeSpan.FromMinutes(1));
        var afterLockout = await SignInAsync();

        Assert.Equal(SignInOutcome.LockedOut, whileLocked.Outcome);
        Assert.Null(whileLocked.Agent);
        Assert.Equal(SignInOutcome.Success, afterLockout.Outcome);
        var agent = await ReadAgentAsync();
        Assert.Null(agent.LockedUntil);
        Assert.Equal(0, agent.FailedSignInCount);
    }

    [Fact]
    public async Task Successful_sign_in_resets_the_failure_count()
    {
        for (var i = 0; i < 4; i++)
        {
            await SignInAsync(password: "wrong");
        }
        Assert.Equal(SignInOutcome.Success, (await SignInAsync()).Outcome);

        var next = await SignInAsync(password: "wrong");

        Assert.Equal(SignInOutcome.WrongCredentials, next.Outcome);
        Assert.Equal(1, (await ReadAgentAsync()).FailedSignInCount);
    }

    [Fact]
    public async Task Inactive_agent_cannot_sign_in()
    {
        await _t.Agents().UpdateAsync(_agentId, new AgentChanges(IsActive: false), CancellationToken.None);

        var result = await SignInAsync();

        Assert.Equal(SignInOutcome.WrongCredentials, result.Outcome);
        Assert.Null(result.Agent);
    }

    private async Task<Agent> ReadAgentAsync()
    {
        await using var db = _t.NewContext();
        return db.Agents.Single(a => a.Id == _agentId);
    }
}
