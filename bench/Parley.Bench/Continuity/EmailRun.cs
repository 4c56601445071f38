using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Parley.Core.Email;

namespace Parley.Bench.Continuity;

/// <summary>The timed run: from the first sweep to the last email accepted, and how the machine's cores were used meanwhile.</summary>
internal sealed record EmailRunResult(int Emails, TimeSpan Elapsed, TimeSpan SweptAfter, CpuSplit Cpu)
{
    public double PerSecond => Emails / Elapsed.TotalSeconds;
}

/// <summary>Average cores busy in each process over a run, and the rest of the machine.</summary>
internal sealed record CpuSplit(double Bench, double Postgres, double Postfix, double Other)
{
    public static Func<CpuSplit> Start(Func<double> postgres, Func<double> postfix)
    {
        var (pg0, pf0, self0, machine0) = (postgres(), postfix(), Environment.CpuUsage.TotalTime.TotalSeconds, ProcStat.MachineBusySeconds());
        var started = Stopwatch.StartNew();
        return () =>
        {
            var wall = started.Elapsed.TotalSeconds;
            var (pg, pf, self) = ((postgres() - pg0) / wall, (postfix() - pf0) / wall, (Environment.CpuUsage.TotalTime.TotalSeconds - self0) / wall);
            return new CpuSplit(self, pg, pf, Math.Max(0, (ProcStat.MachineBusySeconds() - machine0) / wall - self - pg - pf));
        };
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"benchmark process {Bench:F2}, PostgreSQL {Postgres:F2}, Postfix {Postfix:F2}, other {Other:F2} (of {Environment.ProcessorCount})");
}

internal static class EmailRun
{
    /// <summary>
    /// Runs the email work as <c>EmailWorker</c> does on a server until no window and no email is due, then
    /// checks that every due email was sent. Prints progress every five seconds.
    /// </summary>
    public static async Task<EmailRunResult> RunAsync(IServiceProvider services, NpgsqlDataSource data, int due, Func<CpuSplit> cpu, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        var sweptAfter = TimeSpan.Zero;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var progress = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                var (waiting, sent) = await CountAsync(data, stop.Token);
                if (waiting == 0 && sweptAfter == TimeSpan.Zero)
                {
                    sweptAfter = started.Elapsed;
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {started.Elapsed.TotalSeconds,5:F0} s: {due - waiting:N0} windows ended, {sent:N0} emails sent ({sent / started.Elapsed.TotalSeconds:F0}/s)"));
            }
        }, stop.Token);

        await RoundAsync(services, ct);
        var elapsed = started.Elapsed;
        var split = cpu();
        await stop.CancelAsync();
        try
        {
            await progress;
        }
        catch (OperationCanceledException)
        {
        }
        var (left, done) = await CountAsync(data, ct);
        if (left != 0 || done != due)
        {
            throw new InvalidOperationException($"The email work stopped with {left} windows still open and {done} of {due} emails sent.");
        }
        return new EmailRunResult(due, elapsed, sweptAfter == TimeSpan.Zero ? elapsed : sweptAfter, split);
    }

    /// <summary>One round of the email worker (src/Parley.Server/Workers/EmailWorker.cs) without its sleep: Core's <see cref="EmailRound"/>.</summary>
    private static Task RoundAsync(IServiceProvider services, CancellationToken ct) => services.GetRequiredService<EmailRound>().RunAsync(ct);

    /// <summary>Windows still waiting (through their index) and emails sent so far.</summary>
    private static async Task<(long Waiting, long Sent)> CountAsync(NpgsqlDataSource data, CancellationToken ct)
    {
        await using var command = data.CreateCommand("""
            SELECT (SELECT count(*) FROM "Conversations" WHERE "ContinuityWindowStartedAt" IS NOT NULL),
                   (SELECT count(*) FROM "OutboundEmails" WHERE "Status" = 'Sent')
            """);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
