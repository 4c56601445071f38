using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Parley.Bench;

/// <summary>
/// The built Parley server as a child process (<c>dotnet Parley.Server.dll --urls http://127.0.0.1:PORT</c>)
/// in production mode over the benchmark's database (PostgreSQL, or SQLite for the messenger benchmark),
/// with rate limits raised out of the way.
/// </summary>
internal sealed partial class ParleyServer : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<(string Email, string Password)> _admin = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];
    private int _stopped;

    private ParleyServer(Process process, int port)
    {
        _process = process;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    public string BaseUrl { get; }
    public int ProcessId => _process.Id;
    public string AdminEmail { get; private set; } = "";
    public string AdminPassword { get; private set; } = "";

    public static string DefaultDll()
    {
        // Walk up from where the benchmark runs to the repository root (the folder with Parley.slnx).
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Parley.slnx")))
                {
                    return Path.Combine(dir.FullName, "src", "Parley.Server", "bin", "Release", "net10.0", "Parley.Server.dll");
                }
            }
        }
        return Path.GetFullPath("src/Parley.Server/bin/Release/net10.0/Parley.Server.dll");
    }

    /// <summary>The published build (static files precompressed with brotli and gzip), for the messenger benchmark.</summary>
    public static string PublishedDll()
    {
        var built = DefaultDll();
        // DefaultDll is ROOT/src/Parley.Server/bin/Release/net10.0/Parley.Server.dll; the published one ROOT/artifacts/parley/.
        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(built)!, "..", "..", "..", "..", ".."));
        return Path.Combine(root, "artifacts", "parley", "Parley.Server.dll");
    }

    /// <param name="provider">Parley's database provider: <c>Postgres</c> or <c>Sqlite</c>.</param>
    public static async Task<ParleyServer> StartAsync(string dll, string provider, string connectionString, CancellationToken ct)
    {
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} was not found. Build it first: dotnet build -c Release src/Parley.Server");
        }
        var port = Processes.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["Logging__LogLevel__Default"] = "Warning";
        env["Parley__Database__Provider"] = provider;
        env["Parley__Database__ConnectionString"] = connectionString;
        env["Parley__Setup__DemoData"] = "false";
        env["Parley__RateLimits__SessionsPerMinute"] = "1000000";
        env["Parley__RateLimits__MessengerRequestsPerMinute"] = "1000000";
        env["Parley__RateLimits__SignInsPerMinute"] = "1000000";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new ParleyServer(process, port);
        process.OutputDataReceived += (_, e) => server.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnOutput(e.Data);
        process.Exited += (_, _) => server._admin.TrySetException(
            new InvalidOperationException("The server exited during start:\n" + server.Output()));
        if (!process.Start())
        {
            throw new InvalidOperationException("Could not start dotnet.");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            (server.AdminEmail, server.AdminPassword) = await server._admin.Task.WaitAsync(TimeSpan.FromSeconds(90), ct);
        }
        catch
        {
            server.Dispose();
            throw;
        }
        return server;
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            // Keep the start-up lines and the latest warnings, not an unbounded log.
            if (_output.Count >= 200)
            {
                _output.RemoveAt(100);
            }
            _output.Add(line);
        }
        if (AdminLine().Match(line) is { Success: true } m)
        {
            _admin.TrySetResult((m.Groups[1].Value, m.Groups[2].Value));
        }
    }

    public string Output()
    {
        lock (_output)
        {
            return string.Join('\n', _output);
        }
    }

    public long RssKb() => ProcStat.RssKb(ProcessId);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"^\s*Admin\s+(\S+)\s+password:\s+(\S+)\s*$")]
    private static partial Regex AdminLine();
}
