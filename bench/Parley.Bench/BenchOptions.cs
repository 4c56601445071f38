namespace Parley.Bench;

/// <summary>The command line: every phase is bounded by these counts and durations.</summary>
internal sealed record BenchOptions
{
    public int Visitors { get; init; } = 64;
    public int Seconds { get; init; } = 20;
    /// <summary>Warm-up of the first message run, long enough for the JIT's tiered compilation to finish under load.</summary>
    public int WarmupSeconds { get; init; } = 20;
    public int Streams { get; init; } = 5000;
    /// <summary>Concurrent tasks of the second raw-insert run (the first uses as many as visitors).</summary>
    public int RawTasks { get; init; } = 16;
    /// <summary>synchronous_commit settings to run the message load and the raw baseline with, in order.</summary>
    public IReadOnlyList<bool> SynchronousCommit { get; init; } = [true, false];
    /// <summary>Seconds for each of the short "where does the time go" runs; 0 skips them.</summary>
    public int BreakdownSeconds { get; init; } = 5;
    public string? ServerDll { get; init; }
    /// <summary>Extra Npgsql connection string settings, for Parley and the baseline alike.</summary>
    public string? ConnectionOptions { get; init; }
    public string? MarkdownOut { get; init; }

    public const string Usage = """
        Parley benchmark: messages over HTTP into PostgreSQL and out through the agent event stream.

        Build the server first:  dotnet build -c Release src/Parley.Server
        Then:                    dotnet run -c Release --project bench/Parley.Bench -- [options]

          --visitors N       concurrent visitors sending messages (default 64)
          --seconds N        measured seconds of each load and raw-insert run (default 20)
          --warmup N         seconds of load before the first measured run (default 20: the server's JIT
                             needs that long under load to finish tiered compilation); later runs warm up 3 s
          --streams N        messenger event streams held open for the memory figure (default 5000; 0 skips)
          --raw-tasks N      tasks of the second raw-insert run (default 16)
          --sync on|off|both synchronous_commit for the runs (default both: on, then off)
          --breakdown N      seconds of each cheaper-request run that shows where the time goes (default 5; 0 skips)
          --npgsql "K=V;..." extra Npgsql connection string settings for Parley and the baseline alike,
                             e.g. "Max Auto Prepare=0;No Reset On Close=false" to measure without Parley's
                             defaults (default: none, so both use Parley's defaults)
          --server PATH      Parley.Server.dll (default src/Parley.Server/bin/Release/net10.0/Parley.Server.dll)
          --out PATH         also write the results as markdown to PATH

        The messenger's size and time to launcher in headless Chromium is a mode of its own:
          dotnet run -c Release --project bench/Parley.Bench -- messenger --help
        """;

    public static BenchOptions Parse(string[] args) => CommandLine.Parse(args, new BenchOptions(), Usage, (options, name, value) => name switch
    {
        "--visitors" => options with { Visitors = CommandLine.Number(name, value, 1, 2000) },
        "--seconds" => options with { Seconds = CommandLine.Number(name, value, 1, 600) },
        "--warmup" => options with { WarmupSeconds = CommandLine.Number(name, value, 0, 120) },
        "--streams" => options with { Streams = CommandLine.Number(name, value, 0, 15_000) },
        "--raw-tasks" => options with { RawTasks = CommandLine.Number(name, value, 1, 200) },
        "--breakdown" => options with { BreakdownSeconds = CommandLine.Number(name, value, 0, 120) },
        "--sync" => options with
        {
            SynchronousCommit = value switch
            {
                "on" => [true],
                "off" => [false],
                "both" => [true, false],
                _ => throw new UsageException("--sync is on, off or both."),
            },
        },
        "--server" => options with { ServerDll = value },
        "--npgsql" => options with { ConnectionOptions = value },
        "--out" => options with { MarkdownOut = value },
        _ => throw CommandLine.Unknown(name, Usage),
    });
}
