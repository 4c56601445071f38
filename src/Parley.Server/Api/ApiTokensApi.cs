using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core;
using Parley.Core.Accounts;
using Parley.Server.Auth;

namespace Parley.Server.Api;

public sealed record CreateApiTokenRequest(string? Name, IReadOnlyList<string>? Scopes, Guid? AgentId);

public sealed record ApiTokenResponse(Guid Id, string Name, string Prefix, Guid AgentId, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public static ApiTokenResponse From(ApiTokenView t) => new(t.Id, t.Name, t.Prefix, t.AgentId, ApiTokensApi.ScopeNames(t.Scopes), t.CreatedAt, t.LastUsedAt, t.RevokedAt);
}

/// <summary>The token and its secret; the secret is shown this once and cannot be read again.</summary>
public sealed record CreatedApiToken(ApiTokenResponse Token, string Secret);

/// <summary>API tokens for integrations, managed by admins.</summary>
public static class ApiTokensApi
{
    public static IEndpointRouteBuilder MapApiTokensApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/api-tokens").WithTags("API tokens").RequireAuthorization(AuthSetup.IsAdmin);
        group.MapGet("", async (ApiTokens tokens, CancellationToken ct) => (await tokens.ListAsync(ct)).Select(ApiTokenResponse.From).ToList());
        group.MapPost("", CreateAsync);
        group.MapDelete("/{id:guid}", async (Guid id, ApiTokens tokens, CancellationToken ct) =>
        {
            await tokens.RevokeAsync(id, ct);
            return TypedResults.NoContent();
        });
        return app;
    }

    private static async Task<Created<CreatedApiToken>> CreateAsync(CreateApiTokenRequest request, ClaimsPrincipal user, ApiTokens tokens, CancellationToken ct)
    {
        var scopes = ApiScopes.None;
        foreach (var name in request.Scopes ?? [])
        {
            scopes |= name switch
            {
                "read" => ApiScopes.Read,
                "write" => ApiScopes.Write,
                "admin" => ApiScopes.Admin,
                _ => throw ParleyProblem.Invalid("scopes", $"Unknown scope \"{name}\"; choose from read, write, admin."),
            };
        }
        var (token, secret) = await tokens.CreateAsync(request.AgentId ?? user.GetAgentId(), request.Name, scopes, ct);
        return TypedResults.Created($"/api/v1/api-tokens/{token.Id}", new CreatedApiToken(ApiTokenResponse.From(token), secret));
    }

    public static IReadOnlyList<string> ScopeNames(ApiScopes scopes) =>
        [.. new[] { (ApiScopes.Read, "read"), (ApiScopes.Write, "write"), (ApiScopes.Admin, "admin") }
            .Where(s => scopes.HasFlag(s.Item1)).Select(s => s.Item2)];
}
