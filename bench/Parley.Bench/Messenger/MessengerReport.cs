using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Parley.Bench.Messenger;

/// <summary>What the messenger mode measured, as markdown.</summary>
internal sealed class MessengerReport(string chromiumVersion)
{
    public SizeResult? Size { get; set; }
    public List<LoadRun> Runs { get; } = [];

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        Line(md, $"Machine: {Environment.ProcessorCount} cores ({ProcStat.CpuModel()}), {ProcStat.MemoryTotal()} memory, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; Chromium {chromiumVersion} headless; published server over SQLite on 127.0.0.1.");
        md.AppendLine();
        if (Size is { } size)
        {
            WriteSize(md, size);
        }
        foreach (var run in Runs)
        {
            WriteRun(md, run);
        }
        return md.ToString();
    }

    private static void WriteSize(StringBuilder md, SizeResult size)
    {
        Line(md, $"#### Responses from Parley while the demo page loads, the panel opens and one message is sent (shown {size.MessageShownMs:F0} ms after navigation start)");
        md.AppendLine();
        md.AppendLine("| # | request | loaded as | status | Chromium got | raw bytes | gzip bytes | brotli bytes | brotli sent as | counted |");
        md.AppendLine("|---:|---|---|---:|---|---:|---:|---:|---|---|");
        var n = 0;
        var sized = new HashSet<string>();
        foreach (var r in size.Responses)
        {
            // Sizes on the first row of each file only.
            var file = sized.Add(r.Path) ? size.Files.FirstOrDefault(f => f.File.Path == r.Path) : null;
            var counted = r.AfterMessage ? "no: after the message was shown"
                : r.IsJavaScript ? "JavaScript"
                : r.IsStrings ? "strings (separately)"
                : r.IsDocument ? "no: the host page"
                : "no";
            var sizes = file is null ? " | | | " : Invariant($"{file.Raw:N0} | {file.Gzip:N0} | {file.Brotli:N0} | {file.BrotliEncoding}");
            n++;
            Line(md, $"| {n} | {r.Method} {r.Path} | {r.ResourceType} | {r.Status} | {(r.Encoding.Length == 0 ? "identity" : r.Encoding)} | {sizes} | {counted} |");
        }
        md.AppendLine();
        Line(md, $"Chromium asked for the page with `Accept-Encoding: {size.BrowserAcceptEncoding}` (the \"Chromium got\" column); the size columns are the bytes the server sends when asked for `identity`, `gzip` and `br`, requested again outside the browser.");
        md.AppendLine();

        var js = size.JavaScript.ToList();
        var strings = size.Strings.ToList();
        md.AppendLine("| before the first message is shown | files | raw bytes | gzip bytes | brotli bytes | budget (brotli) |");
        md.AppendLine("|---|---:|---:|---:|---:|---|");
        Line(md, $"| **JavaScript** | {js.Count} | {js.Sum(f => f.Raw):N0} | {js.Sum(f => f.Gzip):N0} | **{js.Sum(f => f.Brotli):N0}** | {Budget(js.Sum(f => f.Brotli))} |");
        Line(md, $"| strings (i18n JSON) | {strings.Count} | {strings.Sum(f => f.Raw):N0} | {strings.Sum(f => f.Gzip):N0} | {strings.Sum(f => f.Brotli):N0} | |");
        Line(md, $"| JavaScript + strings | {js.Count + strings.Count} | {js.Sum(f => f.Raw) + strings.Sum(f => f.Raw):N0} | {js.Sum(f => f.Gzip) + strings.Sum(f => f.Gzip):N0} | {js.Sum(f => f.Brotli) + strings.Sum(f => f.Brotli):N0} | {Budget(js.Sum(f => f.Brotli) + strings.Sum(f => f.Brotli))} |");
        md.AppendLine();
        if (!size.AllBrotli)
        {
            md.AppendLine("**Not every file came back with `Content-Encoding: br`: measure a published build.**");
            md.AppendLine();
        }
        if (size.Files.Any(f => !f.HadContentLength))
        {
            md.AppendLine("(Some responses had no Content-Length; their sizes are the bytes received.)");
            md.AppendLine();
        }
    }

    private static string Budget(long brotli) => Invariant(
        $"{brotli * 100.0 / SizeResult.BudgetBytes:F0} % of {SizeResult.BudgetBytes:N0}: {(brotli <= SizeResult.BudgetBytes ? "within" : "**over**")}");

    private void WriteRun(StringBuilder md, LoadRun run)
    {
        var loads = run.Loads;
        var launcher = loads.Select(l => l.Launcher).ToList();
        var met = launcher.Count(v => v <= 300);
        Line(md, $"#### {Capital(run.Kind)}: {run.Description} ({loads.Count} loads{(run.Kind == "cold" ? $", after {LauncherTiming.WarmupLoads} unmeasured" : "")})");
        md.AppendLine();
        md.AppendLine("| ms from navigation start | p50 | p95 | max | aim |");
        md.AppendLine("|---|---:|---:|---:|---|");
        Row(md, "host page: HTML received (responseEnd)", loads.Select(l => l.Html));
        Row(md, "host page: first contentful paint", loads.Select(l => l.FirstContentfulPaint));
        Row(md, "host page: DOMContentLoaded", loads.Select(l => l.DomContentLoaded));
        Row(md, "host page: load event", loads.Select(l => l.Load));
        Row(md, "messenger: first script requested", loads.Select(l => l.ScriptsStart));
        Row(md, "messenger: last script received", loads.Select(l => l.ScriptsEnd));
        Row(md, "messenger: config answered (GET /messenger/v1/config)", loads.Select(l => l.ConfigEnd));
        Row(md, "messenger: strings received (i18n/en.json)", loads.Select(l => l.StringsEnd));
        Row(md, "**messenger: launcher visible**", launcher, Invariant($"≤ {LauncherTiming.AimMs}: {met} of {launcher.Count} loads"));
        Row(md, "launcher visible − first contentful paint", loads.Select(l => l.Launcher - l.FirstContentfulPaint));
        Row(md, "launcher visible − first script requested (Parley's own part)", loads.Select(l => l.Launcher - l.ScriptsStart));
        md.AppendLine();
        var noPaint = loads.Count(l => double.IsNaN(l.FirstContentfulPaint));
        if (noPaint > 0)
        {
            Line(md, $"({noPaint} of {loads.Count} loads reported no first-contentful-paint entry; the paint rows leave them out.)");
        }
        if (run.Cpu is { } cpu)
        {
            Line(md, $"Busy cores over these loads (of {Environment.ProcessorCount}), server / Chromium with the benchmark / rest of the machine: {cpu}.");
        }
        md.AppendLine();
    }

    private static void Row(StringBuilder md, string name, IEnumerable<double> values, string aim = "")
    {
        var s = Spread.Of(values);
        Line(md, $"| {name} | {Ms(s.P50)} | {Ms(s.P95)} | {Ms(s.Max)} | {aim} |");
    }

    private static string Ms(double ms) => double.IsNaN(ms) ? "–" : ms.ToString(ms < 10 ? "F1" : "F0", CultureInfo.InvariantCulture);

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder md, FormattableString line) => md.AppendLine(line.ToString(CultureInfo.InvariantCulture));
}
