using Parley.Core.Accounts;
using Parley.Core.Security;

namespace Parley.Core.Tests.Accounts;

public sealed class ApiTokensTests : IAsyncLifetime
{
    private TestDatabase _t = null!;
    private ApiTokens _tokens = null!;

    public async Task InitializeAsync()
    {
        _t = await TestDatabase.CreateAsync();
        _tokens = _t.ApiTokens();
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    [Fact]
    public async Task Created_secret_authenticates_as_its_owner()
    {
        var owner = await _t.AddAgentAsync();

        var (token, secret) = await _tokens.CreateAsync(owner.AgentId, "CRM sync", ApiScopes.Read | ApiScopes.Write, CancellationToken.None);
        var authenticated = await _tokens.AuthenticateAsync(secret, CancellationToken.None);

        Assert.StartsWith(ApiTokens.SecretPrefix, secret, StringComparison.Ordinal);
        Assert.Equal(secret[..12], token.Prefix);
        Assert.NotNull(authenticated);
        Assert.Equal(token.Id, authenticated.Value.Token.Id);
        Assert.Equal(owner.AgentId, authenticated.Value.Agent.Id);
        Assert.Equal(ApiScopes.Read | ApiScopes.Write, authenticated.Value.Token.Scopes);
    }

    [Fact]
    public async Task Secret_is_not_stored()
    {
        var owner = await _t.AddAgentAsync();

        var (token, secret) = await _tokens.CreateAsync(owner.AgentId, "CRM sync", ApiScopes.Read, CancellationToken.None);

        await using var db = _t.NewContext();
        var stored = db.ApiTokens.Single(t => t.Id == token.Id);
        Assert.NotEqual(secret, stored.TokenHash);
        Assert.Equal(SecretTokens.Hash(secret), stored.TokenHash);
    }

    [Fact]
    public async Task Revoked_secret_does_not_authenticate()
    {
        var owner = await _t.AddAgentAsync();
        var (token, secret) = await _tokens.CreateAsync(owner.AgentId, "CRM sync", ApiScopes.Read, CancellationToken.None);

        await _tokens.RevokeAsync(token.Id, CancellationToken.None);

        Assert.Null(await _tokens.AuthenticateAsync(secret, CancellationToken.None));
    }

    [Theory]
    [InlineData("pat_not-a-real-token")]
    [InlineData("")]
    [InlineData("wrong_prefix")]
    public async Task Unknown_secret_does_not_authenticate(string secret)
    {
        var owner = await _t.AddAgentAsync();
        await _tokens.CreateAsync(owner.AgentId, "CRM sync", ApiScopes.Read, CancellationToken.None);

        Assert.Null(await _tokens.AuthenticateAsync(secret, CancellationToken.None));
    }

    [Fact]
    public async Task Secret_of_a_deactivated_owner_does_not_authenticate()
    {
        var owner = await _t.AddAgentAsync();
        var (_, secret) = await _tokens.CreateAsync(owner.AgentId, "CRM sync", ApiScopes.Read, CancellationToken.None);

        await _t.Agents().UpdateAsync(owner.AgentId, new AgentChanges(IsActive: false), CancellationToken.None);

        Assert.Null(await _tokens.AuthenticateAsync(secret, CancellationToken.None));
    }

    [Fact]
    public async Task Admin_scope_is_refused_for_a_non_admin_owner()
    {
        var owner = await _t.AddAgentAsync(role: AgentRole.Agent);

        var problem = await Assert.ThrowsAsync<ParleyProblem>(() =>
            _tokens.CreateAsync(owner.AgentId, "Admin bot", ApiScopes.Read | ApiScopes.Admin, CancellationToken.None));

        Assert.Equal(ProblemKind.Validation, problem.Kind);
        Assert.NotNull(problem.Errors);
        Assert.True(problem.Errors.ContainsKey("scopes"));
        Assert.Empty(await _tokens.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Admin_scope_is_allowed_for_an_admin_owner_and_brings_read_with_it()
    {
        var admin = await _t.AddAgentAsync("Ada Admin", AgentRole.Admin);

        var (token, _) = await _tokens.CreateAsync(admin.AgentId, "Admin bot", ApiScopes.Admin, CancellationToken.None);

        Assert.Equal(ApiScopes.Read | ApiScopes.Admin, token.Scopes);
    }

    [Fact]
    public async Task Write_scope_brings_read_with_it()
    {
        var agent = await _t.AddAgentAsync("Sam Support", AgentRole.Agent);

        var (token, _) = await _tokens.CreateAsync(agent.AgentId, "Writer", ApiScopes.Write, CancellationToken.None);

        Assert.Equal(ApiScopes.Read | ApiScopes.Write, token.Scopes);
    }

    [Theory]
    [InlineData(ApiScopes.None)]
    [InlineData((ApiScopes)8)]
    public async Task Unknown_or_missing_scopes_are_refused(ApiScopes scopes)
    {
        var admin = await _t.AddAgentAsync("Ada Admin", AgentRole.Admin);

        var problem = await Assert.ThrowsAsync<ParleyProblem>(() =>
            _tokens.CreateAsync(admin.AgentId, "Bot", scopes, CancellationToken.None));

        Assert.Equal(ProblemKind.Validation, problem.Kind);
    }

    [Fact]
    public async Task Use_is_recorded_at_most_once_a_minute()
    {
        var owner = await _t.AddAgentAsync();
        var (token, secret) = await _tokens.CreateAsync(owner.AgentId, "CRM sync", ApiScopes.Read, CancellationToken.None);
        var firstUse = _t.Clock.GetUtcNow();
        await _tokens.AuthenticateAsync(secret, CancellationToken.None);

        _t.Clock.Advance(TimeSpan.FromSeconds(30));
        await _tokens.AuthenticateAsync(secret, CancellationToken.None);
        var afterHalfAMinute = (await _tokens.ListAsync(CancellationToken.None)).Single(t => t.Id == token.Id).LastUsedAt;
        _t.Clock.Advance(TimeSpan.FromSeconds(31));
        await _tokens.AuthenticateAsync(secret, CancellationToken.None);
        var afterAMinute = (await _tokens.ListAsync(CancellationToken.None)).Single(t => t.Id == token.Id).LastUsedAt;

        Assert.Equal(firstUse, afterHalfAMinute);
        Assert.Equal(_t.Clock.GetUtcNow(), afterAMinute);
    }

    [Fact]
    public async Task Revoking_an_unknown_token_is_not_found()
    {
        var problem = await Assert.ThrowsAsync<ParleyProblem>(() => _tokens.RevokeAsync(Guid.CreateVersion7(), CancellationToken.None));

        Assert.Equal("api-token-not-found", problem.Code);
    }
}
