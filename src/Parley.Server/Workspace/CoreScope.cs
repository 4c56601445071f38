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
}
