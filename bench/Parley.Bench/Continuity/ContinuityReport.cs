using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Parley.Bench.Continuity;

/// <summary>The continuity mode's results as markdown, in the shape of docs/benchmarks.md.</summary>
internal sealed class ContinuityReport(ContinuityOptions options, string postgresVersion, string postgresSettings, string postfixVersion)
{
    public const double AimRatio = 0.70;

    public List<SweepCost> Sweeps { get; } = [];
    public EmailRunResult? Parley { get; set; }
    public EmailRunResult? Raw { get; set; }
    public double MeanMessageBytes { get; set; }

    public double Ratio => Parley is { } p && Raw is { } r ? p.PerSecond / r.PerSecond : 0;

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine(Invariant($"Machine: {Environment.ProcessorCount} cores ({ProcStat.CpuModel()}), {ProcStat.MemoryTotal()} memory, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; PostgreSQL {postgresVersion} ({postgresSettings}); Postfix {postfixVersion} (SMTP on loopback, accepted mail to the discard transport). Parley's Core services in the benchmark's process, default email options; everything on the same cores."));
        md.AppendLine();
        md.AppendLine("| what | emails | time, s | emails/s | cores: benchmark process / PostgreSQL / Postfix / other |");
        md.AppendLine("|---|---:|---:|---:|---|");
        if (Parley is { } p)
        {
            md.AppendLine(Invariant($"| **Parley: {p.Emails:N0} due windows among {options.Total:N0} conversations → every email accepted by Postfix** (sweep and outbox as the email worker runs them; windows all ended after {p.SweptAfter.TotalSeconds:F0} s) | {p.Emails:N0} | {p.Elapsed.TotalSeconds:F1} | **{p.PerSecond:F0}** | {Cores(p.Cpu)} |"));
        }
        if (Raw is { } r)
        {
            md.AppendLine(Invariant($"| baseline: MailKit alone, the same {r.Emails:N0} messages (mean {MeanMessageBytes / 1024:F1} KB) over one reused connection | {r.Emails:N0} | {r.Elapsed.TotalSeconds:F1} | {r.PerSecond:F0} | {Cores(r.Cpu)} |"));
        }
        md.AppendLine(Invariant($"| **Parley / raw** (aim ≥ {AimRatio:P0}) | | | **{Ratio:P0}** | |"));
        md.AppendLine();
        md.AppendLine(Invariant($"The sweep alone (no delivery running); the small database is timed before and after the large one, and each database's first timing follows {ContinuityOptions.SweepWarmup:N0} unmeasured windows:"));
        md.AppendLine();
        md.AppendLine("| conversations in the database | timed | windows ended (timed) | batches | ms per window | ms per batch p50 | max | how PostgreSQL finds due windows |");
        md.AppendLine("|---:|---|---:|---:|---:|---:|---:|---|");
        foreach (var s in Sweeps)
        {
            var plan = s.Plan.Split("  (cost", 2)[0];
            md.AppendLine(Invariant($"| {s.Conversations:N0} | {s.Order} | {s.Windows:N0} | {s.Batches} | {s.MsPerWindow:F3} | {s.BatchP50:F1} | {s.BatchMax:F1} | `{plan}` |"));
        }
        if (Sweeps is [var before, var many, var after] && before.MsPerWindow + after.MsPerWindow > 0)
        {
            var few = (before.MsPerWindow + after.MsPerWindow) / 2;
            md.AppendLine();
            md.AppendLine(Invariant($"Sweep cost per window with {many.Conversations:N0} conversations against {before.Conversations:N0} (the mean of its two timings): ×{many.MsPerWindow / few:F2}."));
        }
        return md.ToString();
    }

    private static string Cores(CpuSplit c) => Invariant($"{c.Bench:F2} / {c.Postgres:F2} / {c.Postfix:F2} / {c.Other:F2}");

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
