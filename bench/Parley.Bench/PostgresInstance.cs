using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Parley.Bench;

/// <summary>
/// A PostgreSQL server of the benchmark's own: initdb into a temporary folder, started on a free loopback
/// port with durable settings (fsync and full_page_writes on, PostgreSQL's defaults), stopped at the end.
/// Parley and the raw-insert baseline use the same server, database and connection string.
/// </summary>
internal sealed class PostgresInstance : IDisposable
{
    public const int MaxConnections = 300;
    /// <summary>Npgsql's pool size for Parley and for the baseline alike.</summary>
    public const int PoolSize = 100;
    public const string Database = "parley";

    private readonly string _bin;
    private readonly string _folder;
    private readonly bool _asPostgres;
    private int _stopped;

    private PostgresInstance(string bin, string folder, bool asPostgres, int port)
    {
        _bin = bin;
        _folder = folder;
        _asPostgres = asPostgres;
        Port = port;
    }

    public int Port { get; }
    public string Version { get; private set; } = "";
    public string Settings { get; private set; } = "";

    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={Database};Maximum Pool Size={PoolSize}";

    public string DataFolder => Path.Combine(_folder, "data");

    public static async Task<PostgresInstance> StartAsync(CancellationToken ct)
    {
        var bin = FindBinaries();
        var folder = Path.Combine(Path.GetTempPath(), "parley-bench-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var asPostgres = Environment.UserName == "root";
        if (asPostgres)
        {
            await Processes.RunAsync("chown", ["postgres:postgres", folder], ct);
        }
        var instance = new PostgresInstance(bin, folder, asPostgres, Processes.FreePort());
        await instance.RunPgAsync("initdb", ["-D", instance.DataFolder, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"], ct);
        await instance.RunPgAsync("pg_ctl", ["-D", instance.DataFolder, "-l", Path.Combine(folder, "server.log"), "-w",
            "-o", $"-h 127.0.0.1 -p {instance.Port} -k {folder} -c max_connections={MaxConnections}", "start"], ct);

        var admin = $"Host=127.0.0.1;Port={instance.Port};Username=postgres;Database=postgres;Pooling=false";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(ct);
            await using (var create = new NpgsqlCommand($"CREATE DATABASE {Database}", connection))
            {
                await create.ExecuteNonQueryAsync(ct);
            }
            instance.Version = (string)(await Scalar(connection, "SHOW server_version", ct))!;
            var settings = new List<string>();
            foreach (var name in new[] { "fsync", "synchronous_commit", "full_page_writes", "wal_level", "shared_buffers", "max_connections" })
            {
                settings.Add($"{name}={await Scalar(connection, "SHOW " + name, ct)}");
            }
            instance.Settings = string.Join(", ", settings);
        }
        return instance;
    }

    /// <summary>
    /// Changes synchronous_commit for every session, existing pooled ones included: it is reloadable, and
    /// a reload applies to sessions that did not SET it themselves.
    /// </summary>
    public async Task SetSynchronousCommitAsync(bool on, CancellationToken ct)
    {
        var value = on ? "on" : "off";
        await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync(ct);
        await Scalar(connection, $"ALTER SYSTEM SET synchronous_commit = {value}", ct);
        await Scalar(connection, "SELECT pg_reload_conf()", ct);
        // The reload is asynchronous; wait until a new session sees it.
        for (var i = 0; i < 50; i++)
        {
            await using var check = new NpgsqlConnection(ConnectionString + ";Pooling=false");
            await check.OpenAsync(ct);
            if ((string?)await Scalar(check, "SHOW synchronous_commit", ct) == value)
            {
                return;
            }
            await Task.Delay(100, ct);
        }
        throw new InvalidOperationException("PostgreSQL did not take the new synchronous_commit setting.");
    }

    /// <summary>CPU seconds used so far by the postmaster and every backend, the exited ones included.</summary>
    public double CpuSeconds()
    {
        var pidFile = Path.Combine(DataFolder, "postmaster.pid");
        return File.Exists(pidFile) &&
            int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var postmaster)
            ? ProcStat.TreeCpuSeconds(postmaster)
            : 0;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }
        try
        {
            RunPgAsync("pg_ctl", ["-D", DataFolder, "-m", "fast", "-w", "stop"], CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            Console.Error.WriteLine($"Stopping PostgreSQL failed: {e.Message}");
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not delete {_folder}: {e.Message}");
        }
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(ct);
    }

    private Task RunPgAsync(string tool, IReadOnlyList<string> args, CancellationToken ct)
    {
        var program = Path.Combine(_bin, tool);
        return _asPostgres
            ? Processes.RunAsync("runuser", ["-u", "postgres", "--", program, .. args], ct)
            : Processes.RunAsync(program, args, ct);
    }

    private static string FindBinaries()
    {
        var found = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderDescending()
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            "PostgreSQL server binaries were not found under /usr/lib/postgresql (Debian: apt-get install postgresql).");
    }
}

/// <summary>Small helpers for child processes and ports.</summary>
internal static class Processes
{
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<string> RunAsync(string program, IReadOnlyList<string> args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
        return await stdout;
    }
}
