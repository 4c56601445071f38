using System.Net;

namespace Parley.Bench;

/// <summary>
/// Where the time of a message goes, by experiment: the same visitors in the same closed loop make
/// requests that do less than sending a message, each for a short run.
/// </summary>
internal static class Breakdown
{
    public static async Task<AgentStream> RunAsync(
        ParleyApi api, string token, AgentStream agent, IReadOnlyList<Visitor> visitors,
        TimeSpan warmup, TimeSpan measured, CpuWindowFactory cpu, Action<BreakdownRun> report, CancellationToken ct)
    {
        report(await RunOneAsync("GET /healthz: HTTP only, no database", visitors, warmup, measured, cpu,
            async (v, _, _, t) => await api.GetAsync(null, "/healthz", t) == HttpStatusCode.OK, ct));

        report(await RunOneAsync("GET own conversation: HTTP + session lookup + 1 SELECT + JSON", visitors, warmup, measured, cpu,
            async (v, _, _, t) => await api.GetAsync(v.Session, v.ConversationPath, t) == HttpStatusCode.OK, ct));

        await agent.DisposeAsync();
        var prefix = "b" + Guid.NewGuid().ToString("N")[..6];
        report(await RunOneAsync("POST message with no agent stream open (no SSE serialisation)", visitors, warmup, measured, cpu,
            async (v, n, _, t) => await api.SendAsync(v.Session, v.MessagesPath, $"{prefix}-{v.Index}-{n}", t) == HttpStatusCode.Created, ct));
        return await AgentStream.OpenAsync(api, token, ct);
    }

    private static async Task<BreakdownRun> RunOneAsync(
        string name, IReadOnlyList<Visitor> visitors, TimeSpan warmup, TimeSpan measured, CpuWindowFactory cpu, ClosedLoop.Request request, CancellationToken ct)
    {
        var window = await ClosedLoop.RunAsync(visitors, warmup, measured, request, cpu, ct);
        return new BreakdownRun(name, window.OkPerSecond, window.ResponseTimes, window.Failed, window.Cpu);
    }
}
