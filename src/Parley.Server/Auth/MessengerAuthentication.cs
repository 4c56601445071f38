using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Parley.Core.EndUsers;

namespace Parley.Server.Auth;

/// <summary>
/// Authenticates the messenger by its session token: "Authorization: Bearer ms_...". The event stream may
/// also carry it as ?access_token=, because the browser's EventSource cannot set headers.
/// </summary>
/// <remarks>
/// The look-up runs in a service scope of its own, so an event stream, which lives for hours, does not keep
/// a database context checked out of the pool for its whole life (half of a stream's memory otherwise).
/// </remarks>
public sealed class MessengerAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IServiceScopeFactory scopes)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Messenger";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken.From(Request);
        if (token is null && Request.Path.Value?.EndsWith("/events", StringComparison.Ordinal) == true)
        {
            token = Request.Query["access_token"].FirstOrDefault();
        }
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }
        Guid? endUserId;
        await using (var scope = scopes.CreateAsyncScope())
        {
            endUserId = await scope.ServiceProvider.GetRequiredService<MessengerSessions>().AuthenticateAsync(token, Context.RequestAborted);
        }
        if (endUserId is not { } id)
        {
            return AuthenticateResult.Fail("Unknown or ended messenger session.");
        }
        var identity = new ClaimsIdentity(SchemeName);
        identity.AddClaim(new Claim(ParleyClaims.EndUserId, id.ToString()));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
