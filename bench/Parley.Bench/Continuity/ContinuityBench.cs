using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Parley.Bench.Continuity;

/// <summary>
/// The continuity mode: Parley's sweep and outbox, run in this process as the server runs them, until every
/// due continuation email is accepted by a local Postfix; beside MailKit alone sending the same messages
/// to the same Postfix; and the sweep's cost with 10,000 conversations against the full number.
/// </summary>
internal static class ContinuityBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        ContinuityOptions options;
        try
        {
            options = ContinuityOptions.Parse(args);
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        using var budget = new RunBudget(TimeSpan.FromMinutes(40));
        var ct = budget.Token;
        PostgresInstance? postgres = null;
        LocalPostfix? postfix = null;
        try
        {
            Console.WriteLine("Starting PostgreSQL and Postfix...");
            var starting = PostgresInstance.StartAsync(ct);
            postfix = await LocalPostfix.StartAsync(ct);
            postgres = await starting;
            var report = new ContinuityReport(options, postgres.Version, postgres.Settings, postfix.Version);
            Console.WriteLine($"  PostgreSQL {postgres.Version} on port {postgres.Port}: {postgres.Settings}");
            Console.WriteLine($"  Postfix {postfix.Version} on port {postfix.Port}, delivering to discard");

            // Both databases are seeded first; the small one is timed before and after the large one, so neither
            // size alone has the code cold or the process freshly warm.
            var small = $"{PostgresInstance.Database}_small";
            await CreateDatabaseAsync(postgres, small, ct);
            var smallConnection = Connection(postgres, small);
            var connection = Connection(postgres, PostgresInstance.Database);
            await using var services = ParleyEmailServices.Build(connection);
            await using var data = NpgsqlDataSource.Create(connection);
            await using (var smallServices = ParleyEmailServices.Build(smallConnection))
            await using (var smallData = NpgsqlDataSource.Create(smallConnection))
            {
                var timed = ContinuityOptions.SweepWarmup + options.SweepDue;
                await SeedAsync(smallServices, smallData, postfix, ContinuityOptions.SmallTotal, timed + options.SweepDue, ct);
                await SeedAsync(services, data, postfix, options.Total, timed + options.Due, ct);
                report.Sweeps.Add(await SweepAloneAsync(smallServices, smallData, ContinuityOptions.SmallTotal, "first", ContinuityOptions.SweepWarmup, options, ct));
                report.Sweeps.Add(await SweepAloneAsync(services, data, options.Total, "second", ContinuityOptions.SweepWarmup, options, ct));
                report.Sweeps.Add(await SweepAloneAsync(smallServices, smallData, ContinuityOptions.SmallTotal, "third", 0, options, ct));
            }
            await DropDatabaseAsync(postgres, small, ct);
            // The sweep-cost windows' emails are withdrawn, so the timed run sends exactly the due ones.
            await ExecuteAsync(data, """UPDATE "OutboundEmails" SET "Status" = 'Cancelled', "DueAt" = NULL, "LastResult" = 'Withdrawn by the benchmark'""", ct);

            Console.WriteLine($"[Parley] {options.Due:N0} due windows among {options.Total:N0} conversations: sweep and outbox until every email is accepted...");
            var pg = postgres;
            var pf = postfix;
            var parley = await EmailRun.RunAsync(services, data, options.Due, CpuSplit.Start(pg.CpuSeconds, pf.CpuSeconds), ct);
            report.Parley = parley;
            Console.WriteLine(Invariant($"  {parley.Emails:N0} emails in {parley.Elapsed.TotalSeconds:F1} s: {parley.PerSecond:F0}/s; windows all ended after {parley.SweptAfter.TotalSeconds:F0} s; cores {parley.Cpu}"));

            Console.WriteLine("[raw] loading the same messages from the outbox, then MailKit alone over one connection...");
            var messages = await SentMessagesAsync(data, ct);
            await postfix.WaitForEmptyQueueAsync(ct);
            var cpu = CpuSplit.Start(pg.CpuSeconds, pf.CpuSeconds);
            var raw = await RawSmtp.SendAsync(postfix.Host, postfix.Port, messages,
                n => { if (n % 10_000 == 0) { Console.WriteLine($"  {n:N0} sent"); } }, ct);
            report.Raw = new EmailRunResult(messages.Count, raw, TimeSpan.Zero, cpu());
            report.MeanMessageBytes = messages.Average(m => m.Length);
            Console.WriteLine(Invariant($"  {messages.Count:N0} emails in {raw.TotalSeconds:F1} s: {report.Raw.PerSecond:F0}/s; cores {report.Raw.Cpu}"));

            var markdown = report.ToMarkdown();
            Console.WriteLine();
            Console.WriteLine(markdown);
            if (options.MarkdownOut is { } path)
            {
                await File.WriteAllTextAsync(path, markdown, CancellationToken.None);
                Console.WriteLine($"Written to {Path.GetFullPath(path)}");
            }
            return report.Ratio >= ContinuityReport.AimRatio ? 0 : 1;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Console.Error.WriteLine("Stopped before the end (the run is bounded to 40 minutes).");
            return 130;
        }
        catch (Exception e) when (e is InvalidOperationException or NpgsqlException)
        {
            Console.Error.WriteLine($"The benchmark failed: {e.Message}{(e.InnerException is { } inner ? $" ({inner.Message})" : "")}");
            return 1;
        }
        finally
        {
            postfix?.Dispose();
            postgres?.Dispose();
        }
    }

    /// <summary>Migrates a database, adds the account and seeds <paramref name="total"/> conversations, <paramref name="due"/> of them due.</summary>
    private static async Task SeedAsync(IServiceProvider services, NpgsqlDataSource data, LocalPostfix postfix, int total, int due, CancellationToken ct)
    {
        var now = TimeProvider.System.GetUtcNow();
        Console.WriteLine($"[{total:N0} conversations] migrating, then seeding {total:N0} conversations ({due:N0} due) by COPY...");
        var seeding = Stopwatch.StartNew();
        var agent = await ParleyEmailServices.PrepareAccountAsync(services, postfix, now, ct);
        await ContinuitySeed.SeedAsync(data, agent, total, due, now, ct);
        Console.WriteLine(Invariant($"  seeded and analysed in {seeding.Elapsed.TotalSeconds:F0} s"));
    }

    /// <summary>Times the sweep of the oldest due windows alone, after <paramref name="warmup"/> unmeasured ones.</summary>
    private static async Task<SweepCost> SweepAloneAsync(IServiceProvider services, NpgsqlDataSource data, int total, string order, int warmup,
        ContinuityOptions options, CancellationToken ct)
    {
        Console.WriteLine($"[{total:N0} conversations] the sweep alone, timed {order}...");
        var cost = await SweepCost.MeasureAsync(services, data, total, order, warmup, options.SweepDue, ct);
        Console.WriteLine(Invariant($"  {cost.Windows:N0} windows in {cost.Batches} batches, {cost.MsPerWindow:F3} ms per window, batch p50 {cost.BatchP50:F1} ms, max {cost.BatchMax:F1} ms; {cost.Plan}"));
        return cost;
    }

    /// <summary>The sent emails' stored MIME, in the order Parley sent them.</summary>
    private static async Task<List<byte[]>> SentMessagesAsync(NpgsqlDataSource data, CancellationToken ct)
    {
        await using var command = data.CreateCommand("""SELECT "Mime" FROM "OutboundEmails" WHERE "Status" = 'Sent' ORDER BY "SentAt", "Id" """);
        var messages = new List<byte[]>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            messages.Add((byte[])reader[0]);
        }
        return messages;
    }

    /// <summary>Parley's connection string for one database of the benchmark's PostgreSQL, with the defaults the server adds.</summary>
    private static string Connection(PostgresInstance postgres, string database) =>
        Parley.Core.Data.DatabaseSetup.PostgresConnectionString(new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = database }.ConnectionString);

    private static async Task CreateDatabaseAsync(PostgresInstance postgres, string name, CancellationToken ct) =>
        await AdminAsync(postgres, $"CREATE DATABASE {name}", ct);

    private static async Task DropDatabaseAsync(PostgresInstance postgres, string name, CancellationToken ct)
    {
        NpgsqlConnection.ClearAllPools();
        await AdminAsync(postgres, $"DROP DATABASE {name} WITH (FORCE)", ct);
    }

    private static async Task AdminAsync(PostgresInstance postgres, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task ExecuteAsync(NpgsqlDataSource data, string sql, CancellationToken ct)
    {
        await using var command = data.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
