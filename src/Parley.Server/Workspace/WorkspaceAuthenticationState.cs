using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Parley.Core.Accounts;
using Parley.Server.Auth;

namespace Parley.Server.Workspace;

/// <summary>
/// A circuit keeps the principal it started with, for as long as the tab stays open; the cookie's own
/// check runs only on HTTP requests. This re-checks the agent every minute, so deactivating an agent or
/// changing their password ends their open workspace too.
/// </summary>
internal sealed class WorkspaceAuthenticationState(ILoggerFactory loggers, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(state.User.FindFirst(ParleyClaims.AgentId)?.Value, out var id))
        {
            return false;
        }
        await using var scope = scopes.CreateAsyncScope();
        var agent = await scope.ServiceProvider.GetRequiredService<AgentDirectory>().FindActiveAsync(id, cancellationToken);
        return agent is not null && agent.SecurityStamp.ToString() == state.User.FindFirst(ParleyClaims.SecurityStamp)?.Value;
    }
}
