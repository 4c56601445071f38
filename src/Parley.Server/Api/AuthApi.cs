using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core;
using Parley.Core.Accounts;
using Parley.Server.Auth;
using Parley.Server.Operations;

namespace Parley.Server.Api;

public sealed record SignInRequest(string? Email, string? Password);

public sealed record StatusRequest([property: JsonRequired] AgentStatus Status);

/// <summary>Agent sign-in and the signed-in agent's own profile and status.</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Sign-in");
        auth.MapPost("/sign-in", SignInAsync).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn);
        auth.MapPost("/sign-out", (Delegate)SignOutAsync).AllowAnonymous();

        var me = app.MapGroup("/api/v1/me").WithTags("Agents");
        me.MapGet("", GetMeAsync).RequireAuthorization(AuthSetup.CanRead);
        me.MapPut("/status", SetStatusAsync).RequireAuthorization(AuthSetup.CanWrite);
        return app;
    }

    private static async Task<Ok<AgentView>> SignInAsync(SignInRequest request, AgentSignIn signIn, HttpContext http, CancellationToken ct)
    {
        var result = await signIn.SignInAsync(request.Email, request.Password, ct);
        switch (result.Outcome)
        {
            case SignInOutcome.LockedOut:
                throw new ParleyProblem(ProblemKind.Locked, "locked-out",
                    $"Too many failed sign-ins. Try again after {result.LockedUntil:yyyy-MM-dd HH:mm} UTC, or ask an admin.");
            case SignInOutcome.WrongCredentials:
                throw new ParleyProblem(ProblemKind.Unauthorized, "invalid-credentials", "The email or password is not correct.");
        }
        var agent = result.Agent!;
        await http.SignInAgentAsync(agent);
        return TypedResults.Ok(AgentView.From(agent));
    }

    private static async Task<NoContent> SignOutAsync(HttpContext http, AgentPresence presence, CancellationToken ct)
    {
        await http.SignOutAgentAsync(presence, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<AgentView>> GetMeAsync(ClaimsPrincipal user, AgentDirectory agents, CancellationToken ct)
    {
        var agent = await agents.FindActiveAsync(user.GetAgentId(), ct) ?? throw ParleyProblem.NotFound("agent");
        return TypedResults.Ok(AgentView.From(agent));
    }

    private static async Task<Ok<AgentView>> SetStatusAsync(StatusRequest request, ClaimsPrincipal user, AgentDirectory agents, CancellationToken ct) =>
        TypedResults.Ok(await agents.SetStatusAsync(user.GetAgentId(), request.Status, ct));
}
