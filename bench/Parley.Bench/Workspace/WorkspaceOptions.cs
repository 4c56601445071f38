namespace Parley.Bench.Workspace;

/// <summary>The command line of the workspace mode: how big the queue and the long conversation are, how often each thing is timed.</summary>
internal sealed record WorkspaceOptions
{
    public int Conversations { get; init; } = 10_000;
    public int Messages { get; init; } = 500;
    /// <summary>Timed repetitions of each measurement (cold loads, opens, queries).</summary>
    public int Repeats { get; init; } = 20;
    /// <summary>"Next page" clicks timed in the browser, from the first page on.</summary>
    public int Pages { get; init; } = 20;
    public IReadOnlyList<string> Databases { get; init; } = ["Postgres", "Sqlite"];
    public string? ServerDll { get; init; }
    public string? MarkdownOut { get; init; }

    public const string Usage = """
        Parley benchmark, workspace mode: how fast the agent workspace lists a queue of many open
        conversations and opens a long conversation, in headless Chromium, against the raw database
        queries behind them. The server runs as built, over a PostgreSQL of the benchmark's own and over SQLite.

        Build the server first:  dotnet build -c Release src/Parley.Server
        Then:                    dotnet run -c Release --project bench/Parley.Bench -- workspace [options]

          --conversations N  open, unassigned conversations in the queue (default 10000)
          --messages N       messages in the long conversation (default 500)
          --repeats N        timed repetitions of each measurement (default 20)
          --pages N          "Next page" clicks timed in the browser (default 20)
          --database D       postgres, sqlite or both (default both)
          --server PATH      Parley.Server.dll (default artifacts/parley/Parley.Server.dll)
          --out PATH         also write the results as markdown to PATH
        """;

    public static WorkspaceOptions Parse(string[] args) => CommandLine.Parse(args, new WorkspaceOptions(), Usage, (options, name, value) => name switch
    {
        "--conversations" => options with { Conversations = CommandLine.Number(name, value, 100, 200_000) },
        "--messages" => options with { Messages = CommandLine.Number(name, value, 2, 500) },
        "--repeats" => options with { Repeats = CommandLine.Number(name, value, 1, 200) },
        "--pages" => options with { Pages = CommandLine.Number(name, value, 1, 100) },
        "--database" => options with
        {
            Databases = value switch
            {
                "postgres" => ["Postgres"],
                "sqlite" => ["Sqlite"],
                "both" => ["Postgres", "Sqlite"],
                _ => throw new UsageException("--database is postgres, sqlite or both."),
            },
        },
        "--server" => options with { ServerDll = value },
        "--out" => options with { MarkdownOut = value },
        _ => throw CommandLine.Unknown(name, Usage),
    });
}
