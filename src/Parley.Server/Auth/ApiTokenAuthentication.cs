using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;

namespace Parley.Server.Auth;

/// <summary>Authenticates integrations by "Authorization: Bearer pat_..." against stored token hashes.</summary>
public sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.From(Request) is not { } secret || !secret.StartsWith(ApiTokens.SecretPrefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.NoResult();
        }
        var found = await tokens.AuthenticateAsync(secret, Context.RequestAborted);
        if (found is not { } hit)
        {
            return AuthenticateResult.Fail("Unknown or revoked API token.");
        }
        var identity = ParleyClaims.ForAgent(hit.Agent, hit.Token.Scopes, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}

internal static class BearerToken
{
    public static string? From(HttpRequest request)
    {
        var header = request.Headers.Authorization.FirstOrDefault();
        return header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : null;
    }
}
