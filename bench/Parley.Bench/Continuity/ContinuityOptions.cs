namespace Parley.Bench.Continuity;

/// <summary>The command line of the continuity mode: how many conversations, how many of them due.</summary>
internal sealed record ContinuityOptions
{
    /// <summary>The small database of the sweep-cost comparison: the same number due among this many conversations.</summary>
    public const int SmallTotal = 10_000;

    public int Total { get; init; } = 1_000_000;
    public int Due { get; init; } = 100_000;
    /// <summary>Windows whose sweep is timed alone, twice in the small database and once in the large one.</summary>
    public int SweepDue { get; init; } = 4_000;
    public string? MarkdownOut { get; init; }

    /// <summary>
    /// Windows swept unmeasured before the sweep is timed, in each database: five batches of the default size, so
    /// the small database, timed first, does not also pay for compiling the code (two batches were not enough).
    /// </summary>
    public static int SweepWarmup => 1_000;

    public const string Usage = """
        Parley benchmark, continuity mode: with PostgreSQL holding many conversations of which some have an
        unread agent reply whose inactivity window ended, the time until every due continuation email is
        accepted by a local Postfix, next to MailKit alone sending the same messages in the same run; and the
        cost of the sweep with 10,000 conversations against the full number, for the same number due.
        Runs Parley's Core services in this process; needs root, PostgreSQL's binaries and Postfix (./test.sh).

          dotnet run -c Release --project bench/Parley.Bench -- continuity [options]

          --total N      conversations in the database (default 1000000)
          --due N        of them due to be emailed in the timed run (default 100000)
          --sweep-due N  due windows whose sweep is timed alone with 10,000 (twice) and with N total (default 4000)
          --out PATH     also write the results as markdown to PATH

        A quick run: --total 20000 --due 2000 --sweep-due 1000
        """;

    public static ContinuityOptions Parse(string[] args)
    {
        var options = CommandLine.Parse(args, new ContinuityOptions(), Usage, (options, name, value) => name switch
        {
            "--total" => options with { Total = CommandLine.Number(name, value, SmallTotal, 5_000_000) },
            "--due" => options with { Due = CommandLine.Number(name, value, 100, 1_000_000) },
            "--sweep-due" => options with { SweepDue = CommandLine.Number(name, value, 200, (SmallTotal - SweepWarmup) / 2) },
            "--out" => options with { MarkdownOut = value },
            _ => throw CommandLine.Unknown(name, Usage),
        });
        return options.Due + options.SweepDue + SweepWarmup <= options.Total
            ? options
            : throw new UsageException($"--due plus --sweep-due plus {SweepWarmup} (the sweep's warm-up) must not exceed --total.\n\n{Usage}");
    }
}
