using Parley.Core.Accounts;

namespace Parley.Core.Tests.Accounts;

public sealed class AgentDirectoryTests : IAsyncLifetime
{
    private TestDatabase _t = null!;
    private AgentDirectory _agents = null!;

    public async Task InitializeAsync()
    {
        _t = await TestDatabase.CreateAsync();
        _agents = _t.Agents();
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private async Task<AgentView> CreateAsync(string name, string email, AgentRole role = AgentRole.Agent, string? password = "a long enough password") =>
        (await _agents.CreateAsync(new NewAgent(name, email, password, role), CancellationToken.None)).Agent;

    [Fact]
    public async Task Created_agent_can_sign_in_with_the_given_password()
    {
        var (agent, generated) = await _agents.CreateAsync(
            new NewAgent("Sam Support", "sam@example.com", "a long enough password"), CancellationToken.None);

        Assert.Null(generated);
        Assert.Equal(AgentRole.Agent, agent.Role);
        Assert.True(agent.IsActive);
        var signIn = await _t.SignIn().SignInAsync("sam@example.com", "a long enough password", CancellationToken.None);
        Assert.Equal(SignInOutcome.Success, signIn.Outcome);
    }

    [Fact]
    public async Task Password_is_generated_and_returned_when_none_is_given()
    {
        var (agent, generated) = await _agents.CreateAsync(new NewAgent("Sam Support", "sam@example.com", null), CancellationToken.None);

        Assert.NotNull(generated);
        Assert.Equal(20, generated.Length);
        var signIn = await _t.SignIn().SignInAsync("sam@example.com", generated, CancellationToken.None);
        Assert.Equal(SignInOutcome.Success, signIn.Outcome);
        Assert.Equal(agent.Id, signIn.Agent?.Id);
    }

    [Fact]
    public async Task Password_is_stored_hashed()
    {
        var agent = await CreateAsync("Sam Support", "sam@example.com");

        await using var db = _t.NewContext();
        var stored = db.Agents.Single(a => a.Id == agent.Id).PasswordHash;
        Assert.DoesNotContain("a long enough password", stored, StringComparison.Ordinal);
        Assert.StartsWith("pbkdf2-sha512$", stored, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sam@example.com")]
    [InlineData("SAM@example.com")]
    public async Task Duplicate_email_is_refused(string secondEmail)
    {
        await CreateAsync("Sam Support", "sam@example.com");

        var problem = await Assert.ThrowsAsync<ParleyProblem>(() => CreateAsync("Samantha", secondEmail));

        Assert.Equal(ProblemKind.Conflict, problem.Kind);
        Assert.Equal("agent-email-taken", problem.Code);
        Assert.Single(await _agents.ListAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("", "sam@example.com", "a long enough password", "name")]
    [InlineData("Sam", "not an email", "a long enough password", "email")]
    [InlineData("Sam", "Sam <sam@example.com>", "a long enough password", "email")]
    [InlineData("Sam", "sam@example.com", "short", "password")]
    public async Task Invalid_new_agent_is_refused(string name, string email, string password, string field)
    {
        var problem = await Assert.ThrowsAsync<ParleyProblem>(() => CreateAsync(name, email, password: password));

        Assert.Equal(ProblemKind.Validation, problem.Kind);
        Assert.NotNull(problem.Errors);
        Assert.True(problem.Errors.ContainsKey(field));
        Assert.Empty(await _agents.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Last_active_admin_cannot_be_demoted()
    {
        var admin = await CreateAsync("Ada Admin", "ada@example.com", AgentRole.Admin);

        var problem = await Assert.ThrowsAsync<ParleyProblem>(() =>
            _agents.UpdateAsync(admin.Id, new AgentChanges(Role: AgentRole.Agent), CancellationToken.None));

        Assert.Equal(ProblemKind.Conflict, problem.Kind);
        Assert.Equal("last-admin", problem.Code);
        await using var db = _t.NewContext();
        Assert.Equal(AgentRole.Admin, db.Agents.Single(a => a.Id == admin.Id).Role);
    }

    [Fact]
    public async Task Last_active_admin_cannot_be_deactivated()
    {
        var admin = await CreateAsync("Ada Admin", "ada@example.com", AgentRole.Admin);

        var problem = await Assert.ThrowsAsync<ParleyProblem>(() =>
            _agents.UpdateAsync(admin.Id, new AgentChanges(IsActive: false), CancellationToken.None));

        Assert.Equal("last-admin", problem.Code);
        await using var db = _t.NewContext();
        Assert.True(db.Agents.Single(a => a.Id == admin.Id).IsActive);
    }

    [Fact]
    public async Task Inactive_admin_does_not_count_as_another_admin()
    {
        var first = await CreateAsync("Ada Admin", "ada@example.com", AgentRole.Admin);
        var second = await CreateAsync("Bob Admin", "bob@example.com", AgentRole.Admin);
        await _agents.UpdateAsync(second.Id, new AgentChanges(IsActive: false), CancellationToken.None);

        var problem = await Assert.ThrowsAsync<ParleyProblem>(() =>
            _agents.UpdateAsync(first.Id, new AgentChanges(Role: AgentRole.Agent), CancellationToken.None));

        Assert.Equal("last-admin", problem.Code);
    }

    [Fact]
    public async Task Admin_can_be_demoted_while_another_active_admin_remains()
    {
        var first = await CreateAsync("Ada Admin", "ada@example.com", AgentRole.Admin);
        await CreateAsync("Bob Admin", "bob@example.com", AgentRole.Admin);

        var demoted = await _agents.UpdateAsync(first.Id, new AgentChanges(Role: AgentRole.Agent), CancellationToken.None);

        Assert.Equal(AgentRole.Agent, demoted.Role);
    }

    [Fact]
    public async Task Deactivation_changes_the_security_stamp_and_sets_the_agent_offline()
    {
        var agent = await CreateAsync("Sam Support", "sam@example.com");
        await _agents.SetStatusAsync(agent.Id, AgentStatus.Online, CancellationToken.None);
        Guid stampBefore;
        await using (var db = _t.NewContext())
        {
            stampBefore = db.Agents.Single(a => a.Id == agent.Id).SecurityStamp;
        }

        var updated = await _agents.UpdateAsync(agent.Id, new AgentChanges(IsActive: false), CancellationToken.None);

        Assert.False(updated.IsActive);
        Assert.Equal(AgentStatus.Offline, updated.Status);
        await using var after = _t.NewContext();
        Assert.NotEqual(stampBefore, after.Agents.Single(a => a.Id == agent.Id).SecurityStamp);
    }
}
