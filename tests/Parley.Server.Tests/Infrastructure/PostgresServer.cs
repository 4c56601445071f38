using Npgsql;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server for the test run: started once on a free loopback port in a temporary folder,
/// stopped once the test process has gone. Each app fixture gets a database of its own.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);
    private PostgresServer(int port) => Port = port;

    public int Port { get; }

    public static Task<PostgresServer> GetAsync() => Shared.Value;

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=50";

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "parley_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinaries();
        var folder = Path.Combine(Path.GetTempPath(), "parley-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var asPostgres = Environment.UserName == "root";
        if (asPostgres)
        {
            await TestProcesses.RunAsync("chown", "postgres:postgres", folder);
        }
        var data = Path.Combine(folder, "data");
        await RunPgAsync(asPostgres, Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale");
        var port = TestProcesses.FreePort();
        var server = new PostgresServer(port);
        await RunPgAsync(asPostgres, Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(folder, "server.log"), "-w",
            "-o", $"-h 127.0.0.1 -p {port} -k {folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
            "start");
        var stop = $"{Path.Combine(bin, "pg_ctl")} -D '{data}' -m immediate -w stop";
        TestProcesses.CleanUpAfterExit($"{(asPostgres ? "runuser -u postgres -- " : "")}{stop}; rm -rf '{folder}'");
        return server;
    }

    private static string FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("PARLEY_TEST_PG_BIN");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }
        var found = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            "PostgreSQL server binaries were not found under /usr/lib/postgresql; ./test.sh installs them (or set PARLEY_TEST_PG_BIN).");
    }

    private static Task RunPgAsync(bool asPostgres, string program, params string[] args) =>
        asPostgres ? TestProcesses.RunAsync("runuser", ["-u", "postgres", "--", program, .. args]) : TestProcesses.RunAsync(program, args);

}
