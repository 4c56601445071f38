using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Parley.Core.Accounts;
using Parley.Server.Widget;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// The real Parley server on a free loopback port (Kestrel), over a real database, with a clock the tests
/// move. Tests talk to it over HTTP through intent methods: a visitor starts a conversation, an agent replies.
/// </summary>
public abstract class ParleyApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string TestPassword = "correct-horse-battery";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private string _connectionString = "";

    /// <summary>Starts at the real time; tests move it forward instead of sleeping.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public abstract string Provider { get; }

    protected abstract Task<string> CreateDatabaseAsync();

    /// <summary>Extra settings a test class needs, e.g. lower rate limits.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    public async Task InitializeAsync()
    {
        _connectionString = await CreateDatabaseAsync();
        UseKestrel(0);
        StartServer();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await DeleteDatabaseAsync();
    }

    protected virtual Task DeleteDatabaseAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Parley:Database:Provider", Provider);
        builder.UseSetting("Parley:Database:ConnectionString", _connectionString);
        builder.UseSetting("Parley:Setup:DemoData", "false");
        builder.UseSetting("Parley:Workers:Enabled", "false");
        builder.UseSetting("Parley:SignIn:PasswordIterations", "10000");
        builder.UseSetting("Parley:RateLimits:SessionsPerMinute", "100000");
        builder.UseSetting("Parley:RateLimits:SignInsPerMinute", "100000");
        builder.UseSetting("Parley:RateLimits:MessengerRequestsPerMinute", "100000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>A client for the server with no credentials.</summary>
    public HttpClient Anonymous() => CreateClient(ClientOptionsWith(cookies: false));

    /// <summary>Client options aimed at the Kestrel address the server listens on.</summary>
    private WebApplicationFactoryClientOptions ClientOptionsWith(bool cookies) =>
        new() { BaseAddress = ClientOptions.BaseAddress, HandleCookies = cookies, AllowAutoRedirect = false };

    /// <summary>Runs code against the app's own services, as a worker or a command would.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>A new anonymous visitor with a messenger session.</summary>
    public async Task<Visitor> NewVisitorAsync(string? language = null)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/messenger/v1/sessions", new { language }, Json);
        await Expect.StatusAsync(response, HttpStatusCode.Created);
        var session = (await response.Content.ReadFromJsonAsync<SessionResponse>(Json))!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
        return new Visitor(client, session.Token, session.EndUserId);
    }

    /// <summary>Creates an agent (as an admin would) and signs them in with a cookie.</summary>
    public async Task<AgentClient> SignInNewAgentAsync(AgentRole role = AgentRole.Agent, bool chatAccess = true, string? name = null)
    {
        var email = $"agent-{Guid.NewGuid():N}@parley.test";
        var agent = await InScopeAsync(sp => sp.GetRequiredService<AgentDirectory>()
            .CreateAsync(new NewAgent(name ?? "Agent " + email[6..12], email, TestPassword, role, chatAccess), default));
        var client = CreateClient(ClientOptionsWith(cookies: true));
        var response = await client.PostAsJsonAsync("/api/v1/auth/sign-in", new { email, password = TestPassword }, Json);
        await Expect.StatusAsync(response, HttpStatusCode.OK);
        return new AgentClient(client, agent.Agent.Id, email);
    }

    /// <summary>An integration's client: an API token with the given scopes, owned by a new agent of the given role.</summary>
    public async Task<AgentClient> ApiTokenClientAsync(ApiScopes scopes, AgentRole ownerRole = AgentRole.Admin)
    {
        var owner = await SignInNewAgentAsync(ownerRole);
        var (_, secret) = await InScopeAsync(sp => sp.GetRequiredService<ApiTokens>().CreateAsync(owner.Id, "test token", scopes, default));
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return new AgentClient(client, owner.Id, owner.Email);
    }
}

public sealed class SqliteApp : ParleyApp
{
    private string? _file;

    public override string Provider => "Sqlite";

    protected override Task<string> CreateDatabaseAsync()
    {
        _file = Path.Combine(Path.GetTempPath(), $"parley-test-{Guid.NewGuid():N}.db");
        return Task.FromResult($"Data Source={_file}");
    }

    protected override Task DeleteDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            if (f is not null && File.Exists(f))
            {
                File.Delete(f);
            }
        }
        return Task.CompletedTask;
    }
}

public sealed class PostgresApp : ParleyApp
{
    public override string Provider => "Postgres";

    protected override async Task<string> CreateDatabaseAsync() => await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
}
