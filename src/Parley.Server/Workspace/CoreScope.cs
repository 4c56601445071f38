using Parley.Core;
using Parley.Core.Conversations;

namespace Parley.Server.Workspace;

/// <summary>
/// Runs Core services in a DI scope of their own. A Blazor circuit's scope lives as long as the tab, and
/// one long-lived DbContext would both return stale tracked rows and fail when a live event and a click
/// query it at the same time; a scope per operation avoids both.
/// </summary>
public sealed class CoreScope(IServiceScopeFactory scopes)
{
    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task<T> RunAsync<TService, T>(Func<TService, Task<T>> work) where TService : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>
    /// A page of a view as the workspace lists it, from the cursor in the page's address. A cursor edited by
    /// hand or kept from another version gives the first page rather than an error.
    /// </summary>
    public async Task<ConversationPage> ViewPageAsync(ConversationView view, Guid agentId, string? after)
    {
        try
        {
            return await RunAsync<ConversationQueries, ConversationPage>(q => q.ListAsync(view, agentId, after, PageSize, default));
        }
        catch (ParleyProblem p) when (p.Kind == ProblemKind.Validation && after is not null)
        {
            return await RunAsync<ConversationQueries, ConversationPage>(q => q.ListAsync(view, agentId, null, PageSize, default));
        }
    }

    /// <summary>How many conversations a page of a view lists.</summary>
    public const int PageSize = 50;
}
