namespace Parley.Server.Tests.Infrastructure;

/// <summary>A real Redis server for the test run, on a free loopback port, stopped once the test process has gone.</summary>
public sealed class RedisServer
{
    private static readonly Lazy<Task<RedisServer>> Shared = new(StartAsync);

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public static Task<RedisServer> GetAsync() => Shared.Value;

    private static async Task<RedisServer> StartAsync()
    {
        if (!File.Exists("/usr/bin/redis-server"))
        {
            throw new InvalidOperationException("redis-server is not installed; ./test.sh installs it.");
        }
        var folder = Path.Combine(Path.GetTempPath(), "parley-redis-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var port = TestProcesses.FreePort();
        var pidFile = Path.Combine(folder, "redis.pid");
        await TestProcesses.RunAsync("/usr/bin/redis-server", "--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--save", "", "--appendonly", "no", "--daemonize", "yes", "--pidfile", pidFile,
            "--logfile", Path.Combine(folder, "redis.log"), "--dir", folder);
        TestProcesses.CleanUpAfterExit($"kill $(cat '{pidFile}'); rm -rf '{folder}'");
        // redis-server has daemonized; wait until it accepts connections.
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return new RedisServer(port);
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new InvalidOperationException($"Redis did not start on port {port}; see {folder}/redis.log.");
    }
}
