namespace Parley.Bench.Workspace;

/// <summary>Fills Parley the way real traffic would, through its HTTP APIs: visitors start conversations, an agent answers one of them at length.</summary>
internal static class WorkspaceSeed
{
    /// <summary><paramref name="count"/> visitors each start a conversation; all wait unassigned in the queue.</summary>
    public static async Task QueueAsync(ParleyApi api, int count, Action<int> progress, CancellationToken ct)
    {
        var next = 0;
        var done = 0;
        async Task Worker()
        {
            while (Interlocked.Increment(ref next) is var n && n <= count)
            {
                var session = await api.CreateSessionAsync(ct);
                await api.StartConversationAsync(session, $"q{n}", ct);
                if (Interlocked.Increment(ref done) % 1000 == 0)
                {
                    progress(done);
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(Worker, ct)));
    }

    /// <summary>
    /// One conversation of <paramref name="messages"/> messages, the visitor and an agent (by API token)
    /// taking turns; started last, so it is the newest in the queue.
    /// </summary>
    public static async Task<Guid> LongConversationAsync(ParleyApi api, string agentToken, int messages, CancellationToken ct)
    {
        var session = await api.CreateSessionAsync(ct);
        var id = await api.StartConversationAsync(session, "long-1", ct);
        for (var n = 2; n <= messages; n++)
        {
            var (bearer, path) = n % 2 == 0
                ? (agentToken, $"/api/v1/conversations/{id}/replies")
                : (session, $"/messenger/v1/conversations/{id}/messages");
            var status = await api.SendAsync(bearer, path, $"long-{n}", ct);
            if (status != System.Net.HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"Message {n} of the long conversation: {(int)status}.");
            }
        }
        return id;
    }
}
