using System.Security.Claims;
using Parley.Core.Accounts;
using Parley.Core.Conversations;

namespace Parley.Server.Auth;

/// <summary>The claims Parley puts on agents, API tokens and messenger sessions, and how to read them back.</summary>
public static class ParleyClaims
{
    public const string AgentId = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string ChatAccess = "chat";
    public const string Scope = "scope";
    public const string SecurityStamp = "stamp";
    public const string EndUserId = "end_user";

    public static ClaimsIdentity ForAgent(Agent agent, ApiScopes scopes, string authenticationType)
    {
        var identity = new ClaimsIdentity(authenticationType, Name, Role);
        identity.AddClaim(new Claim(AgentId, agent.Id.ToString()));
        identity.AddClaim(new Claim(Name, agent.Name));
        identity.AddClaim(new Claim(Role, agent.Role.ToString()));
        identity.AddClaim(new Claim(ChatAccess, agent.ChatAccess ? "true" : "false"));
        identity.AddClaim(new Claim(SecurityStamp, agent.SecurityStamp.ToString()));
        foreach (var scope in ScopeNames(scopes, agent.Role))
        {
            identity.AddClaim(new Claim(Scope, scope));
        }
        return identity;
    }

    /// <summary>A token's admin scope counts only while its owner is an admin.</summary>
    private static IEnumerable<string> ScopeNames(ApiScopes scopes, AgentRole role)
    {
        if (scopes.HasFlag(ApiScopes.Read)) { yield return "read"; }
        if (scopes.HasFlag(ApiScopes.Write)) { yield return "write"; }
        if (scopes.HasFlag(ApiScopes.Admin) && role == AgentRole.Admin) { yield return "admin"; }
    }

    public static Guid GetAgentId(this ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(AgentId)!);

    public static AgentActor GetAgent(this ClaimsPrincipal user) => new(
        user.GetAgentId(),
        user.FindFirstValue(Name) ?? "",
        Enum.Parse<AgentRole>(user.FindFirstValue(Role)!),
        user.FindFirstValue(ChatAccess) == "true");

    public static Guid GetEndUserId(this ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(EndUserId)!);
}
