namespace Parley.Bench.Messenger;

/// <summary>The command line of the messenger mode: how many page loads, against which server build.</summary>
internal sealed record MessengerOptions
{
    /// <summary>Page loads of each kind (fresh context, then reloads in one warm context).</summary>
    public int Loads { get; init; } = 20;
    public string? ServerDll { get; init; }
    public string? MarkdownOut { get; init; }

    public const string Usage = """
        Parley benchmark, messenger mode: the JavaScript the messenger loads before the first message is
        shown (brotli bytes, against a 25 KB budget) and the time from navigation to a visible launcher on
        the demo page in headless Chromium (against a 300 ms aim).

        Publish the server first (the published build serves precompressed brotli and gzip):
          dotnet publish -c Release -o artifacts/parley src/Parley.Server
        Then:
          dotnet run -c Release --project bench/Parley.Bench -- messenger [options]

          --loads N      page loads in fresh browser contexts, and as many reloads in a warm one (default 20)
          --server PATH  Parley.Server.dll (default artifacts/parley/Parley.Server.dll)
          --out PATH     also write the results as markdown to PATH
        """;

    public static MessengerOptions Parse(string[] args) => CommandLine.Parse(args, new MessengerOptions(), Usage, (options, name, value) => name switch
    {
        "--loads" => options with { Loads = CommandLine.Number(name, value, 1, 200) },
        "--server" => options with { ServerDll = value },
        "--out" => options with { MarkdownOut = value },
        _ => throw CommandLine.Unknown(name, Usage),
    });
}
