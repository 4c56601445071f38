using Parley.Core.Accounts;

namespace Parley.Core.Conversations;

/// <summary>The agent on whose behalf an action runs (signed in, or through an API token).</summary>
public sealed record AgentActor(Guid AgentId, string Name, AgentRole Role, bool ChatAccess)
{
    public static AgentActor From(Agent a) => new(a.Id, a.Name, a.Role, a.ChatAccess);
}
