namespace Parley.Server.Tests.Infrastructure;

/// <summary>One of several Parley servers that share a PostgreSQL database and carry events over Redis.</summary>
public sealed class ClusterNodeApp(string connectionString, string redis) : ParleyApp
{
    public override string Provider => "Postgres";

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(connectionString);

    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Parley:Events:Redis", redis)];
}

/// <summary>Two servers behind an imaginary load balancer: same database, same Redis, separate processes' worth of state.</summary>
public sealed class TwoServers : IAsyncLifetime
{
    private ClusterNodeApp? _a;
    private ClusterNodeApp? _b;

    public ClusterNodeApp A => _a ?? throw new InvalidOperationException("Not started.");
    public ClusterNodeApp B => _b ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        var redis = (await RedisServer.GetAsync()).Configuration;
        _a = new ClusterNodeApp(database, redis);
        await _a.InitializeAsync();
        _b = new ClusterNodeApp(database, redis);
        await _b.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_a is not null)
        {
            await _a.DisposeAsync();
        }
        if (_b is not null)
        {
            await _b.DisposeAsync();
        }
    }
}
