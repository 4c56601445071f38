using System.Globalization;
using Npgsql;
using Parley.Bench;
using Parley.Bench.Continuity;
using Parley.Bench.Inbound;
using Parley.Bench.Messenger;
using Parley.Bench.Triggers;
using Parley.Bench.Workspace;

// The messenger's size and time to launcher, in headless Chromium: a mode of its own.
if (args is ["messenger", .. var messengerArgs])
{
    return await MessengerBench.RunAsync(messengerArgs);
}

// The workspace's speed with a long queue and a long conversation, in headless Chromium: a mode of its own.
if (args is ["workspace", .. var workspaceArgs])
{
    return await WorkspaceBench.RunAsync(workspaceArgs);
}

// The cost of 50 active triggers on an event, evaluated alone and through the engine: a mode of its own.
if (args is ["triggers", .. var triggerArgs])
{
    return await TriggerBench.RunAsync(triggerArgs);
}

// Incoming email through the whole pipeline, beside MimeKit's parse-only rate: a mode of its own.
if (args is ["inbound", .. var inboundArgs])
{
    return await InboundBench.RunAsync(inboundArgs);
}

// Continuation emails: 100,000 due windows among 1,000,000 conversations, to a local Postfix: a mode of its own.
if (args is ["continuity", .. var continuityArgs])
{
    return await ContinuityBench.RunAsync(continuityArgs);
}

// Parley's throughput benchmark; see BenchOptions.Usage and docs/benchmarks.md.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (UsageException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

// Every phase is bounded by its own duration; this bounds the whole run as well.
using var budget = new RunBudget(TimeSpan.FromMinutes(20));
var ct = budget.Token;
PostgresInstance? postgres = null;
ParleyServer? server = null;
void StopChildren()
{
    server?.Dispose();
    postgres?.Dispose();
}

var report = new Report(options);
try
{
    Console.WriteLine("Starting PostgreSQL...");
    postgres = await PostgresInstance.StartAsync(ct);
    report.PostgresVersion = postgres.Version;
    report.PostgresSettings = postgres.Settings;
    // Parley and the raw baseline use exactly this connection string: the operator's, with Parley's own
    // defaults for what it leaves out (prepared statements, no reset on close), as the server applies them.
    var connectionString = Parley.Core.Data.DatabaseSetup.PostgresConnectionString(options.ConnectionOptions is { Length: > 0 } extra
        ? $"{postgres.ConnectionString};{extra.Trim(';')}"
        : postgres.ConnectionString);
    report.ConnectionString = connectionString;
    Console.WriteLine($"  PostgreSQL {postgres.Version} on port {postgres.Port}: {postgres.Settings}");

    var dll = Path.GetFullPath(options.ServerDll ?? ParleyServer.DefaultDll());
    Console.WriteLine($"Starting {dll}...");
    server = await ParleyServer.StartAsync(dll, "Postgres", connectionString, ct);
    Console.WriteLine($"  Parley at {server.BaseUrl}, process {server.ProcessId}, RSS {server.RssKb() / 1024} MB");
    var pg = postgres;
    var parley = server;
    CpuWindow Cpu() => new(() => ProcStat.CpuSeconds([parley.ProcessId]), pg.CpuSeconds);

    using var api = new ParleyApi(server.BaseUrl);
    var cookie = await api.SignInAsync(server.AdminEmail, server.AdminPassword, ct);
    var token = await api.CreateApiTokenAsync(cookie, ct);

    if (options.Streams > 0)
    {
        Console.WriteLine($"Memory: opening {options.Streams} messenger event streams...");
        report.Memory = await StreamMemory.RunAsync(api, server, options.Streams, ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  RSS {report.Memory.RssBeforeKb / 1024} MB before, {report.Memory.RssWithStreamsKb / 1024} MB with the streams: {report.Memory.PerStreamKb:F1} KB each"));
    }

    Console.WriteLine($"Creating {options.Visitors} visitors and opening the agent event stream...");
    var visitors = await MessageLoad.CreateVisitorsAsync(api, options.Visitors, "v", ct);
    var agent = await AgentStream.OpenAsync(api, token, ct);
    await RawInserts.CreateTableAsync(connectionString, ct);
    await using var dataSource = NpgsqlDataSource.Create(connectionString);
    // The first run warms the server up (JIT tiering); later runs find it warm.
    var warmup = TimeSpan.FromSeconds(options.WarmupSeconds);
    var measured = TimeSpan.FromSeconds(options.Seconds);
    var rawWarmup = TimeSpan.FromSeconds(Math.Min(2, options.WarmupSeconds));

    try
    {
        foreach (var synchronousCommit in options.SynchronousCommit)
        {
            var label = synchronousCommit ? "on" : "off";
            await postgres.SetSynchronousCommitAsync(synchronousCommit, ct);

            Console.WriteLine($"[synchronous_commit={label}] {options.Visitors} visitors send messages for {warmup.TotalSeconds:F0}+{options.Seconds} s...");
            var run = await MessageLoad.RunAsync(label, api, agent, visitors, warmup, measured, Cpu, ct);
            warmup = TimeSpan.FromSeconds(Math.Min(3, options.WarmupSeconds));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  stored {run.StoredPerSecond:F0}/s, delivered {run.DeliveredPerSecond:F0}/s, delivery p50 {run.Delivery.P50:F1} ms, p99 {run.Delivery.P99:F1} ms, max {run.Delivery.Max:F1} ms; {run.Cpu}"));

            Console.WriteLine($"[synchronous_commit={label}] raw INSERTs with {options.Visitors} tasks, then {options.RawTasks}...");
            var raw = await RawInserts.RunAsync(label, dataSource, options.Visitors, rawWarmup, measured, Cpu, ct);
            var few = await RawInserts.RunAsync(label, dataSource, options.RawTasks, rawWarmup, measured, Cpu, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {raw.RowsPerSecond:F0} rows/s with {raw.Tasks} tasks, {few.RowsPerSecond:F0} rows/s with {few.Tasks}"));
            report.Runs.Add((run, raw, few));

            if (options.BreakdownSeconds > 0 && synchronousCommit == options.SynchronousCommit[0])
            {
                Console.WriteLine($"[synchronous_commit={label}] breakdown: cheaper requests under the same load...");
                var (shortWarmup, shortRun) = (TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(options.BreakdownSeconds));
                // The run without an agent stream closes it and opens a new one after.
                agent = await Breakdown.RunAsync(api, token, agent, visitors, shortWarmup, shortRun, Cpu, b =>
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {b.Request}: {b.PerSecond:F0}/s, p50 {b.Response.P50:F1} ms, p99 {b.Response.P99:F1} ms; {b.Cpu}"));
                    report.Breakdown.Add(b);
                }, ct);
            }
        }
    }
    finally
    {
        await agent.DisposeAsync();
    }

    var markdown = report.ToMarkdown();
    Console.WriteLine();
    Console.WriteLine(markdown);
    if (options.MarkdownOut is { } path)
    {
        await File.WriteAllTextAsync(path, markdown, ct);
        Console.WriteLine($"Written to {Path.GetFullPath(path)}");
    }
    return 0;
}
catch (OperationCanceledException) when (ct.IsCancellationRequested)
{
    Console.Error.WriteLine("Stopped before the end.");
    return 130;
}
catch (Exception e) when (e is not OperationCanceledException)
{
    // Expected failures carry a message that says what to do; anything else gets its stack trace.
    Console.Error.WriteLine($"The benchmark failed: {(e is InvalidOperationException ? e.Message : e.ToString())}");
    if (server is not null)
    {
        Console.Error.WriteLine("Server output:\n" + server.Output());
    }
    return 1;
}
finally
{
    StopChildren();
}
