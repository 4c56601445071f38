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
using Microsoft.EntityFrameworkCore;
using Parley.Core.Accounts;
using Parley.Core.Conversations;
using Parley.Core.Data;
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

    /// <summary>The database the app runs on, for a command run beside it.</summary>
    public string ConnectionString => _connectionString;

    /// <summary>This app's development mailbox: a folder of its own, removed with the app.</summary>
    public string MailboxFolder { get; } = Path.Combine(Path.GetTempPath(), "parley-test-mailbox-" + Guid.NewGuid().ToString("N"));

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
        if (Directory.Exists(MailboxFolder))
        {
            Directory.Delete(MailboxFolder, recursive: true);
        }
    }

    protected virtual Task DeleteDatabaseAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Parley:Database:Provider", Provider);
        builder.UseSetting("Parley:Database:ConnectionString", _connectionString);
        builder.UseSetting("Parley:Setup:DemoData", "false");
        builder.UseSetting("Parley:Email:DevelopmentMailboxFolder", MailboxFolder);
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

    /// <summary>POST /messenger/v1/sessions, as the messenger does on a first visit.</summary>
    public Task<HttpResponseMessage> PostSessionAsync(string? language, HttpClient? client = null) =>
        (client ?? Anonymous()).PostAsJsonAsync("/messenger/v1/sessions", new { language }, Json);

    /// <summary>The public messenger configuration.</summary>
    public async Task<MessengerConfig> MessengerConfigAsync() =>
        await Expect.JsonAsync<MessengerConfig>(await Anonymous().GetAsync("/messenger/v1/config"), HttpStatusCode.OK);

    /// <summary>An API client with no credentials at all, to prove what is refused.</summary>
    public AgentClient AnonymousAgent() => new(Anonymous(), Guid.Empty, "");

    /// <summary>A new anonymous visitor with a messenger session.</summary>
    public async Task<Visitor> NewVisitorAsync(string? language = null)
    {
        var client = Anonymous();
        var response = await PostSessionAsync(language, client);
        await Expect.StatusAsync(response, HttpStatusCode.Created);
        var session = (await response.Content.ReadFromJsonAsync<SessionResponse>(Json))!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
        return new Visitor(client, session.Token, session.EndUserId);
    }

    /// <summary>A messenger client presenting the given token (or none) without a session behind it, to prove what is refused.</summary>
    public Visitor VisitorWithToken(string? token)
    {
        var client = Anonymous();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return new Visitor(client, token ?? "", Guid.Empty);
    }

    /// <summary>Creates an agent (as an admin would) and signs them in with a cookie.</summary>
    public async Task<AgentClient> SignInNewAgentAsync(AgentRole role = AgentRole.Agent, bool chatAccess = true, string? name = null)
    {
        var agent = await CreateAgentAsync(role, chatAccess, name);
        var client = CookieClient();
        await Expect.StatusAsync(await SignInAsync(client, agent.Email, TestPassword), HttpStatusCode.OK);
        return new AgentClient(client, agent.Id, agent.Email);
    }

    /// <summary>Creates an agent with <see cref="TestPassword"/> without signing them in.</summary>
    public async Task<AgentView> CreateAgentAsync(AgentRole role = AgentRole.Agent, bool chatAccess = true, string? name = null)
    {
        var email = $"agent-{Guid.NewGuid():N}@parley.test";
        var created = await InScopeAsync(sp => sp.GetRequiredService<AgentDirectory>()
            .CreateAsync(new NewAgent(name ?? "Agent " + email[6..12], email, TestPassword, role, chatAccess), default));
        return created.Agent;
    }

    /// <summary>A client that keeps cookies, as a browser would, not yet signed in.</summary>
    public HttpClient CookieClient() => CreateClient(ClientOptionsWith(cookies: true));

    /// <summary>Posts the sign-in form; on success the client holds the agent cookie.</summary>
    public Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/api/v1/auth/sign-in", new { email, password }, Json);

    /// <summary>Runs the automatic close once, as the worker would.</summary>
    public Task<int> CloseDueConversationsAsync() =>
        InScopeAsync(sp => sp.GetRequiredService<SolvedConversationCloser>().CloseDueAsync(100, default));

    /// <summary>Runs the trigger engine until nothing is due, as the worker would; returns how much it handled.</summary>
    public async Task<int> RunTriggersAsync()
    {
        var total = 0;
        for (var round = 0; round < 20; round++)
        {
            var handled = await InScopeAsync(sp => sp.GetRequiredService<Parley.Core.Triggers.TriggerEngine>().RunDueAsync(100, default));
            if (handled == 0)
            {
                return total;
            }
            total += handled;
        }
        return total;
    }

    /// <summary>What the database holds for a conversation: its state and every message's sequence number.</summary>
    public Task<StoredConversation> StoredConversationAsync(Guid conversationId) => InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var c = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == conversationId);
        var seqs = await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId)
            .OrderBy(m => m.Seq).Select(m => m.Seq).ToListAsync();
        return new StoredConversation(c.Status, c.AssigneeId, c.LastMessageSeq, c.EndUserReadSeq, seqs);
    });

    /// <summary>How many attachment rows and content rows the whole database holds, to prove nothing was half-stored.</summary>
    public Task<(int Attachments, int Contents)> StoredAttachmentCountsAsync() => InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        return (await db.Attachments.CountAsync(), await db.AttachmentContents.CountAsync());
    });

    /// <summary>The conversations an end user has in the database, oldest first.</summary>
    public Task<List<Guid>> StoredConversationIdsAsync(Guid endUserId) => InScopeAsync(sp =>
        sp.GetRequiredService<AppDbContext>().Conversations.AsNoTracking()
            .Where(c => c.EndUserId == endUserId).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Select(c => c.Id).ToListAsync());

    /// <summary>The account settings row as stored.</summary>
    public Task<AccountSettings> StoredSettingsAsync() =>
        InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Settings.AsNoTracking().SingleAsync());

    /// <summary>Whether an agent with this email exists at all.</summary>
    public Task<bool> AgentExistsAsync(string email) =>
        InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Agents.AnyAsync(a => a.Email == email));

    /// <summary>The names of the API tokens stored.</summary>
    public Task<List<string>> StoredApiTokenNamesAsync() =>
        InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().ApiTokens.Select(t => t.Name).ToListAsync());

    /// <summary>An integration's client: an API token with the given scopes, owned by a new agent of the given role.</summary>
    public async Task<AgentClient> ApiTokenClientAsync(ApiScopes scopes, AgentRole ownerRole = AgentRole.Admin)
    {
        var owner = await SignInNewAgentAsync(ownerRole);
        var (_, secret) = await InScopeAsync(sp => sp.GetRequiredService<ApiTokens>().CreateAsync(owner.Id, "test token", scopes, default));
        return TokenClient(secret, owner.Id, owner.Email);
    }

    /// <summary>A client that presents an API token's secret, acting for the token's owner.</summary>
    public AgentClient TokenClient(string secret, Guid ownerId, string ownerEmail)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return new AgentClient(client, ownerId, ownerEmail);
    }
}

/// <summary>A conversation as the database holds it, to prove what a request changed or left alone.</summary>
public sealed record StoredConversation(
    ConversationStatus Status, Guid? AssigneeId, long LastMessageSeq, long EndUserReadSeq, IReadOnlyList<long> MessageSeqs)
{
    public bool Equals(StoredConversation? other) =>
        other is not null && (Status, AssigneeId, LastMessageSeq, EndUserReadSeq) == (other.Status, other.AssigneeId, other.LastMessageSeq, other.EndUserReadSeq) &&
        MessageSeqs.SequenceEqual(other.MessageSeqs);

    public override int GetHashCode() => HashCode.Combine(Status, AssigneeId, LastMessageSeq, EndUserReadSeq, MessageSeqs.Count);
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
