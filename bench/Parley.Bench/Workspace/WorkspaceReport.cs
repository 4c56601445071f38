using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Parley.Bench.Messenger;

namespace Parley.Bench.Workspace;

/// <summary>What the workspace mode measured on one database.</summary>
internal sealed record WorkspaceRun(string Database, string DatabaseDetail, int Conversations, int Messages, TimeSpan SeedTime)
{
    public Spread QueueColdShown { get; set; } = Spread.Of([]);
    public Spread QueueColdLive { get; set; } = Spread.Of([]);
    public Spread NextPage { get; set; } = Spread.Of([]);
    public Spread ApiPage { get; set; } = Spread.Of([]);
    public int ApiListed { get; set; }
    public Spread CorePage { get; set; } = Spread.Of([]);
    public Spread RawPage { get; set; } = Spread.Of([]);
    public Spread OpenFromQueue { get; set; } = Spread.Of([]);
    public Spread ConversationColdShown { get; set; } = Spread.Of([]);
    public Spread ConversationColdLive { get; set; } = Spread.Of([]);
    public Spread Prerender { get; set; } = Spread.Of([]);
    public Spread CoreTimeline { get; set; } = Spread.Of([]);
    public Spread RawMessages { get; set; } = Spread.Of([]);
}

/// <summary>The workspace mode's results as markdown tables.</summary>
internal sealed class WorkspaceReport(string chromiumVersion)
{
    public const double OpenAimMs = 500;

    public List<WorkspaceRun> Runs { get; } = [];

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        Line(md, $"Machine: {Environment.ProcessorCount} cores ({ProcStat.CpuModel()}), {ProcStat.MemoryTotal()} memory, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; Chromium {chromiumVersion} headless; Release build of the server, browser and databases on the same cores, everything on 127.0.0.1. Times in ms: p50 / p95 / max (count).");
        foreach (var run in Runs)
        {
            md.AppendLine();
            Line(md, $"#### {run.Database}: {run.Conversations:N0} open conversations in the queue, one of {run.Messages} messages ({run.DatabaseDetail}; seeded through the HTTP APIs in {run.SeedTime.TotalSeconds:F0} s)");
            md.AppendLine();
            md.AppendLine("| what | measured as | p50 | p95 | max | n |");
            md.AppendLine("|---|---|---:|---:|---:|---:|");
            Row(md, "**open the 500-message conversation from the queue** (aim < 500 ms)", "click on its row → all 500 messages painted", run.OpenFromQueue);
            Row(md, "load the conversation page cold", "navigation start → prerendered 500 messages painted", run.ConversationColdShown);
            Row(md, "", "navigation start → page live (circuit connected)", run.ConversationColdLive);
            Row(md, "server-rendered conversation page", "HTTP GET → last byte of the HTML", run.Prerender);
            Row(md, "baseline: Core timeline query (EF Core)", "newest 500 messages with the conversation, in process", run.CoreTimeline);
            Row(md, "baseline: raw SQL", "SELECT the newest 500 messages", run.RawMessages);
            Row(md, "**next page of the queue** (50 rows)", "click on \"Next page\" → new rows painted", run.NextPage);
            Row(md, "load the queue cold", "navigation start → first page painted", run.QueueColdShown);
            Row(md, "", "navigation start → page live", run.QueueColdLive);
            Row(md, $"every page of the queue through the API ({run.ApiListed:N0} listed)", "GET /api/v1/conversations?limit=50&cursor=…", run.ApiPage);
            Row(md, "baseline: Core queue query (EF Core)", "every page by keyset, in process", run.CorePage);
            Row(md, "baseline: raw SQL", "every page by keyset, hand-written SQL", run.RawPage);
        }
        return md.ToString();
    }

    private static void Row(StringBuilder md, string what, string how, Spread s) =>
        Line(md, $"| {what} | {how} | {s.P50:F1} | {s.P95:F1} | {s.Max:F1} | {s.Count} |");

    private static void Line(StringBuilder md, FormattableString s) => md.AppendLine(s.ToString(CultureInfo.InvariantCulture));
}
