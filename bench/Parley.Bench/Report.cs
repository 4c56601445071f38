using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Parley.Bench;

/// <summary>A cheaper request run under the same load, to show where the time of a message goes.</summary>
internal sealed record BreakdownRun(string Request, double PerSecond, Percentiles Response, long Failed, CpuShare Cpu);

/// <summary>Everything measured in one run, written as markdown (printed and optionally saved).</summary>
internal sealed class Report(BenchOptions options)
{
    public string PostgresVersion { get; set; } = "";
    public string PostgresSettings { get; set; } = "";
    public string ConnectionString { get; set; } = "";
    public List<(MessageRun Parley, RawRun Raw, RawRun RawFew)> Runs { get; } = [];
    public List<BreakdownRun> Breakdown { get; } = [];
    public MemoryRun? Memory { get; set; }

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        Line(md, $"Machine: {Environment.ProcessorCount} cores ({ProcStat.CpuModel()}), {ProcStat.MemoryTotal()} memory, {RuntimeInformation.OSDescription}, .NET {Environment.Version}.");
        Line(md, $"PostgreSQL {PostgresVersion} on 127.0.0.1, same machine: {PostgresSettings} (synchronous_commit per run below).");
        Line(md, $"Npgsql connection string for Parley and the baseline alike: `{ConnectionString.Replace($"Port={PortOf(ConnectionString)}", "Port=…", StringComparison.Ordinal)}`.");
        Line(md, $"Load: {options.Visitors} visitors in a closed loop, {options.WarmupSeconds} s warm-up before the first run (3 s before later ones), then {options.Seconds} s measured; ~{ParleyApi.Text.Length}-byte messages. Server, PostgreSQL and the load generator share the cores.");
        md.AppendLine();

        md.AppendLine("| synchronous_commit | visitors | stored msg/s | delivered msg/s | delivery p50 ms | p99 ms | max ms | HTTP p50 ms | HTTP p99 ms | undelivered | failed | cores: server / PG / load / other | CPU µs per message: server / PG |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var (p, _, _) in Runs)
        {
            Line(md, $"| {p.Label} | {p.Visitors} | {p.StoredPerSecond:F0} | {p.DeliveredPerSecond:F0} | {Ms(p.Delivery.P50)} | {Ms(p.Delivery.P99)} | {Ms(p.Delivery.Max)} | {Ms(p.Response.P50)} | {Ms(p.Response.P99)} | {p.Undelivered} | {p.Failed} | {Cores(p.Cpu)} | {PerItem(p.Cpu.Server, p.StoredPerSecond)} / {PerItem(p.Cpu.Postgres, p.StoredPerSecond)} |");
        }
        md.AppendLine();

        md.AppendLine("| synchronous_commit | raw INSERT tasks | rows/s | insert p50 ms | p99 ms | Parley ÷ raw | cores: PG / load / other | CPU µs per row: PG / Npgsql client |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---|---|");
        foreach (var (p, raw, few) in Runs)
        {
            foreach (var r in new[] { raw, few })
            {
                Line(md, $"| {r.Label} | {r.Tasks} | {r.RowsPerSecond:F0} | {Ms(r.Insert.P50)} | {Ms(r.Insert.P99)} | {p.StoredPerSecond / r.RowsPerSecond:P1} | {r.Cpu.Postgres:F2} / {r.Cpu.LoadGenerator:F2} / {r.Cpu.Other:F2} | {PerItem(r.Cpu.Postgres, r.RowsPerSecond)} / {PerItem(r.Cpu.LoadGenerator, r.RowsPerSecond)} |");
            }
        }
        md.AppendLine();

        if (Breakdown.Count > 0)
        {
            md.AppendLine("| same visitors, cheaper request | req/s | p50 ms | p99 ms | failed | cores: server / PG / load / other |");
            md.AppendLine("|---|---:|---:|---:|---:|---|");
            foreach (var b in Breakdown)
            {
                Line(md, $"| {b.Request} | {b.PerSecond:F0} | {Ms(b.Response.P50)} | {Ms(b.Response.P99)} | {b.Failed} | {Cores(b.Cpu)} |");
            }
            md.AppendLine();
        }

        var others = Runs.SelectMany(r => new[] { r.Parley.Cpu.Other, r.Raw.Cpu.Other, r.RawFew.Cpu.Other })
            .Concat(Breakdown.Select(b => b.Cpu.Other)).DefaultIfEmpty(0).Max();
        if (others > 0.25)
        {
            Line(md, $"**Warning:** something else used up to {others:F2} cores during a measured window (column \"other\"); the figures of that run are too low. Run again on a quiet machine.");
            md.AppendLine();
        }

        if (Memory is { } m)
        {
            md.AppendLine("| open messenger event streams | server RSS before | RSS with streams | per stream | managed heap before → with streams (at last GC) | RSS after closing | time to open all | server's own count |");
            md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
            var heap = m is { HeapBeforeKb: { } hb, HeapWithStreamsKb: { } hw }
                ? string.Create(CultureInfo.InvariantCulture, $"{hb / 1024.0:F0} MB → {hw / 1024.0:F0} MB ({(hw - hb) / (double)m.Streams:F1} KB each)")
                : "-";
            Line(md, $"| {m.Streams} | {m.RssBeforeKb / 1024.0:F0} MB | {m.RssWithStreamsKb / 1024.0:F0} MB | {m.PerStreamKb:F1} KB | {heap} | {m.RssAfterCloseKb / 1024.0:F0} MB | {m.OpenSeconds:F1} s | {m.ServerCountedOpen?.ToString(CultureInfo.InvariantCulture) ?? "-"} |");
            md.AppendLine();
        }
        return md.ToString();
    }

    private static string PortOf(string connectionString) =>
        new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>Microseconds of CPU per item: cores busy divided by items per second.</summary>
    private static string PerItem(double cores, double perSecond) =>
        perSecond > 0 ? (cores / perSecond * 1e6).ToString("F0", CultureInfo.InvariantCulture) : "-";

    private static string Ms(double ms) =>
        double.IsNaN(ms) ? "-" : ms.ToString(ms < 10 ? "F1" : "F0", CultureInfo.InvariantCulture);

    private static string Cores(CpuShare c) => string.Create(CultureInfo.InvariantCulture, $"{c.Server:F2} / {c.Postgres:F2} / {c.LoadGenerator:F2} / {c.Other:F2}");

    private static void Line(StringBuilder md, FormattableString line) => md.AppendLine(line.ToString(CultureInfo.InvariantCulture));
}
