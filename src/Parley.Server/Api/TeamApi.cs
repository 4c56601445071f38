using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Accounts;
using Parley.Server.Auth;

namespace Parley.Server.Api;

public sealed record CreateAgentRequest(string? Name, string? Email, string? Password, AgentRole Role = AgentRole.Agent, bool ChatAccess = true);

/// <summary>The new agent, and their generated password when none was given (shown once).</summary>
public sealed record CreatedAgent(AgentView Agent, string? GeneratedPassword);

public sealed record UpdateAgentRequest(string? Name, AgentRole? Role, bool? ChatAccess, bool? IsActive);

/// <summary>The team: agents, their roles and chat access. Changes are for admins.</summary>
public static class TeamApi
{
    public static IEndpointRouteBuilder MapTeamApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/agents").WithTags("Agents").RequireAuthorization(AuthSetup.CanRead);
        group.MapGet("", (AgentDirectory agents, CancellationToken ct) => agents.ListAsync(ct));
        group.MapPost("", CreateAsync).RequireAuthorization(AuthSetup.IsAdmin);
        group.MapPatch("/{id:guid}", UpdateAsync).RequireAuthorization(AuthSetup.IsAdmin);
        return app;
    }

    private static async Task<Created<CreatedAgent>> CreateAsync(CreateAgentRequest request, AgentDirectory agents, CancellationToken ct)
    {
        var (agent, password) = await agents.CreateAsync(
            new NewAgent(request.Name, request.Email, request.Password, request.Role, request.ChatAccess), ct);
        return TypedResults.Created($"/api/v1/agents/{agent.Id}", new CreatedAgent(agent, password));
    }

    private static Task<AgentView> UpdateAsync(Guid id, UpdateAgentRequest request, AgentDirectory agents, CancellationToken ct) =>
        agents.UpdateAsync(id, new AgentChanges(request.Name, request.Role, request.ChatAccess, request.IsActive), ct);
}
