using Parley.Core.Conversations;
using Parley.Core.Events;
using Parley.Server.Realtime;

namespace Parley.Server.Workspace;

/// <summary>
/// The views' counts for every open workspace tab on this server. Counting once per tab and per component
/// would multiply the same queries by everyone signed in; instead, after an event that can move
/// conversations between views, this counts once (the shared views, and "mine" for each agent watching)
/// and hands the numbers to every watcher. Events that arrive while it counts are answered by one more
/// count, so a burst costs two at most.
/// </summary>
public sealed class ViewCounts : IDisposable
{
    private static readonly ConversationView[] Shared = [.. Enum.GetValues<ConversationView>().Where(v => v != ConversationView.Mine)];

    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<ViewCounts> _log;
    private readonly LiveEvents _live;
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, List<Func<IReadOnlyDictionary<ConversationView, int>, Task>>> _watchers = [];
    private bool _counting, _again;

    public ViewCounts(IServiceScopeFactory scopes, EventHub hub, ILogger<ViewCounts> log)
    {
        _scopes = scopes;
        _log = log;
        _live = LiveEvents.Start(hub, e =>
        {
            if (e is null or MessageCreated or ConversationCreated or ConversationChanged)
            {
                Recount();
            }
            return Task.CompletedTask;
        });
    }

    /// <summary>The counts now, read from the database: for a page's first render.</summary>
    public async Task<IReadOnlyDictionary<ConversationView, int>> GetAsync(Guid agentId, CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConversationQueries>().CountsAsync(agentId, ct);
    }

    /// <summary>Calls <paramref name="changed"/> with the agent's counts after every change, until disposed.</summary>
    public IDisposable Watch(Guid agentId, Func<IReadOnlyDictionary<ConversationView, int>, Task> changed)
    {
        lock (_gate)
        {
            if (!_watchers.TryGetValue(agentId, out var list))
            {
                _watchers[agentId] = list = [];
            }
            list.Add(changed);
        }
        return new Unwatch(this, agentId, changed);
    }

    private void Recount()
    {
        lock (_gate)
        {
            if (_counting)
            {
                _again = true;
                return;
            }
            _counting = true;
        }
        _ = Task.Run(CountLoopAsync);
    }

    private async Task CountLoopAsync()
    {
        while (true)
        {
            Dictionary<Guid, Func<IReadOnlyDictionary<ConversationView, int>, Task>[]> watching;
            lock (_gate)
            {
                _again = false;
                watching = _watchers.ToDictionary(w => w.Key, w => w.Value.ToArray());
            }
            if (watching.Count > 0)
            {
                try
                {
                    await CountAndTellAsync(watching);
                }
                catch (Exception e)
                {
                    // The next event counts again; the numbers shown stay as they were meanwhile.
                    _log.LogWarning(e, "Counting the workspace views failed.");
                }
            }
            lock (_gate)
            {
                if (!_again)
                {
                    _counting = false;
                    return;
                }
            }
        }
    }

    private async Task CountAndTellAsync(Dictionary<Guid, Func<IReadOnlyDictionary<ConversationView, int>, Task>[]> watching)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<ConversationQueries>();
        var shared = new Dictionary<ConversationView, int>();
        foreach (var view in Shared)
        {
            shared[view] = await queries.CountAsync(view, Guid.Empty, default);
        }
        var told = new List<Task>();
        foreach (var (agentId, callbacks) in watching)
        {
            var counts = new Dictionary<ConversationView, int>(shared)
            {
                [ConversationView.Mine] = await queries.CountAsync(ConversationView.Mine, agentId, default),
            };
            told.AddRange(callbacks.Select(tell => Tell(tell, counts)));
        }
        await Task.WhenAll(told);
    }

    private async Task Tell(Func<IReadOnlyDictionary<ConversationView, int>, Task> tell, IReadOnlyDictionary<ConversationView, int> counts)
    {
        try
        {
            await tell(counts);
        }
        catch (Exception e)
        {
            // One closed tab must not keep the others from their numbers.
            _log.LogDebug(e, "A workspace tab could not take the new counts.");
        }
    }

    public void Dispose() => _live.Dispose();

    private sealed class Unwatch(ViewCounts counts, Guid agentId, Func<IReadOnlyDictionary<ConversationView, int>, Task> changed) : IDisposable
    {
        public void Dispose()
        {
            lock (counts._gate)
            {
                if (counts._watchers.TryGetValue(agentId, out var list) && list.Remove(changed) && list.Count == 0)
                {
                    counts._watchers.Remove(agentId);
                }
            }
        }
    }
}
