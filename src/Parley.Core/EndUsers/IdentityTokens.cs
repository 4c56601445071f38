using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Parley.Core.Accounts;

namespace Parley.Core.EndUsers;

/// <summary>Who a website says its logged-in user is, from a token it signed with the account's secret.</summary>
public sealed record VerifiedIdentity(string ExternalId, string? Name, string? Email, bool EmailVerified, string? Language);

/// <summary>
/// Verifies a website's identity token: a JWT signed with HS256 using the account's identity secret, with
/// an expiry, and the claims external_id (or sub), name, email, email_verified and language.
/// </summary>
public static class IdentityTokens
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);
    private static readonly JsonWebTokenHandler Handler = new();

    public static async Task<VerifiedIdentity> VerifyAsync(string? jwt, string secret, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(jwt) || jwt.Length > 8192)
        {
            throw Refused("The identity token is missing.");
        }
        var parameters = new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            RequireExpirationTime = true,
            // Parley's clock, so tests can move it.
            LifetimeValidator = (notBefore, expires, _, _) =>
                expires is { } exp && exp.ToUniversalTime() > now.UtcDateTime - ClockSkew &&
                (notBefore is not { } nbf || nbf.ToUniversalTime() <= now.UtcDateTime + ClockSkew),
        };
        var result = await Handler.ValidateTokenAsync(jwt, parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            throw Refused("The identity token is not valid: its signature, algorithm or expiry was refused.");
        }
        var externalId = Claim(token, "external_id") ?? token.Subject;
        if (string.IsNullOrWhiteSpace(externalId) || externalId.Length > 200)
        {
            throw Refused("The identity token needs an external_id (or sub) claim of at most 200 characters.");
        }
        var name = Claim(token, "name") is { Length: > 0 and <= 200 } n ? n : null;
        var email = Claim(token, "email") is { Length: > 0 } e ? EmailAddressRules.Check(e) : null;
        var verified = email is not null && token.TryGetPayloadValue<bool>("email_verified", out var v) && v;
        var language = Claim(token, "language") is { } l && SettingsService.IsLanguageTag(l) ? l : null;
        return new VerifiedIdentity(externalId, name, email, verified, language);
    }

    private static string? Claim(JsonWebToken token, string name) =>
        token.TryGetPayloadValue<string>(name, out var value) ? value?.Trim() : null;

    private static ParleyProblem Refused(string detail) => new(ProblemKind.Unauthorized, "invalid-identity-token", detail);
}
