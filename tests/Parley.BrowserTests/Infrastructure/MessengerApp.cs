using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Parley.Core.Accounts;
using Parley.Core.BusinessHours;
using Parley.Core.Conversations;
using Parley.Core.Data;

namespace Parley.BrowserTests.Infrastructure;

/// <summary>
/// The real Parley server on a free loopback port (Kestrel) over a temporary SQLite database, so a real
/// browser can load the demo page and the messenger from it. Copied in spirit from the server tests'
/// ParleyApp: a clock the tests own, high rate limits, no demo data; the background workers run on that clock.
/// </summary>
public sealed class MessengerApp : WebApplicationFactory<Program>
{
    public const string TestPassword = "correct-horse-battery";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"parley-browser-{Guid.NewGuid():N}.db");

    /// <summary>Starts at the real time; nothing in these tests needs it to move.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>The address the browser opens, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress => ClientOptions.BaseAddress;

    public void Start()
    {
        UseKestrel(0);
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the host reads static files only from wwwroot, where a build (unlike a publish)
        // has not put the precompressed copies; the build's manifest knows where they are.
        builder.UseStaticWebAssets();
        builder.UseSetting("Parley:Database:Provider", "Sqlite");
        builder.UseSetting("Parley:Database:ConnectionString", $"Data Source={_file}");
        builder.UseSetting("Parley:Setup:DemoData", "false");
        builder.UseSetting("Parley:Email:DevelopmentMailboxFolder", _file + "-mailbox");
        // The workers run (triggers answer visitors live); on the test's clock, waits end only when a test moves it.
        builder.UseSetting("Parley:Workers:Enabled", "true");
        builder.UseSetting("Parley:SignIn:PasswordIterations", "10000");
        builder.UseSetting("Parley:RateLimits:SessionsPerMinute", "100000");
        builder.UseSetting("Parley:RateLimits:SignInsPerMinute", "100000");
        builder.UseSetting("Parley:RateLimits:MessengerRequestsPerMinute", "100000");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_file + "-mailbox"))
        {
            Directory.Delete(_file + "-mailbox", recursive: true);
        }
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(f);
        }
    }

    /// <summary>Runs code against the app's own services, as a worker or a command would.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>Creates an agent with <see cref="TestPassword"/>, as an admin would.</summary>
    public async Task<AgentView> CreateAgentAsync(bool chatAccess = true, AgentRole role = AgentRole.Agent, string? name = null)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        name ??= "Agent " + unique[..6];
        var email = $"{name.ToLowerInvariant().Replace(' ', '.')}-{unique}@parley.test";
        var (agent, _) = await InScopeAsync(sp => sp.GetRequiredService<AgentDirectory>()
            .CreateAsync(new NewAgent(name, email, TestPassword, role, chatAccess), default));
        return agent;
    }

    /// <summary>Creates an agent (as an admin would) and signs them in with a cookie.</summary>
    public async Task<AgentClient> SignInNewAgentAsync()
    {
        var agent = await CreateAgentAsync();
        var email = agent.Email;
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = BaseAddress, HandleCookies = true, AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/v1/auth/sign-in", new { email, password = TestPassword }, Json);
        await AgentClient.ExpectAsync(response, HttpStatusCode.OK);
        return new AgentClient(client, agent.Name);
    }

    /// <summary>The conversation holding the (test-unique) message text the visitor typed.</summary>
    public Task<Guid> ConversationWithMessageAsync(string text) => InScopeAsync(sp =>
        sp.GetRequiredService<AppDbContext>().Messages.AsNoTracking()
            .Where(m => m.Text == text).Select(m => m.ConversationId).Distinct().SingleAsync());

    /// <summary>How many stored messages carry exactly this text, in any conversation.</summary>
    public Task<int> StoredMessageCountAsync(string text) => InScopeAsync(sp =>
        sp.GetRequiredService<AppDbContext>().Messages.AsNoTracking().CountAsync(m => m.Text == text));

    /// <summary>
    /// A conversation with a long history written straight through Core, as months of chat would leave it:
    /// <paramref name="count"/> messages, "Message 1" to "Message N", the end user and the agent taking turns.
    /// </summary>
    public Task<Guid> WriteLongConversationAsync(AgentView agent, int count) => InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var now = Clock.GetUtcNow();
        var endUser = new Parley.Core.EndUsers.EndUser { Id = Guid.CreateVersion7(now), Name = "Long Story", CreatedAt = now, LastSeenAt = now };
        db.EndUsers.Add(endUser);
        await db.SaveChangesAsync();
        var service = sp.GetRequiredService<ConversationService>();
        var actor = new AgentActor(agent.Id, agent.Name, agent.Role, agent.ChatAccess);
        var id = (await service.StartAsync(endUser.Id, new EndUserMessageInput("Message 1", null), default)).Conversation.Id;
        for (var n = 2; n <= count; n++)
        {
            _ = n % 2 == 0
                ? await service.PostFromAgentAsync(actor, id, new AgentMessageInput($"Message {n}", null), default)
                : await service.PostFromEndUserAsync(endUser.Id, id, new EndUserMessageInput($"Message {n}", null), default);
        }
        return id;
    });

    /// <summary>
    /// <paramref name="count"/> conversations waiting in the queue, from "Customer 1" (the oldest) to
    /// "Customer N", each a second after the one before, so the queue's order is known.
    /// </summary>
    public Task<IReadOnlyList<Guid>> QueueConversationsAsync(int count) => InScopeAsync<IReadOnlyList<Guid>>(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var service = sp.GetRequiredService<ConversationService>();
        var ids = new List<Guid>();
        for (var n = 1; n <= count; n++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            var now = Clock.GetUtcNow();
            var endUser = new Parley.Core.EndUsers.EndUser { Id = Guid.CreateVersion7(now), Name = $"Customer {n}", CreatedAt = now, LastSeenAt = now };
            db.EndUsers.Add(endUser);
            await db.SaveChangesAsync();
            ids.Add((await service.StartAsync(endUser.Id, new EndUserMessageInput($"Question {n}", null), default)).Conversation.Id);
        }
        return ids;
    });

    /// <summary>A message from Parley itself asking the messenger to show a form, as a trigger would post it.</summary>
    public Task<PostedMessage> PostSystemPromptAsync(Guid conversationId, string text, string prompt) =>
        InScopeAsync(sp => sp.GetRequiredService<ConversationService>()
            .PostAutomatedAsync(conversationId, MessageAuthorKind.System, text, prompt, default));
    /// <summary>Every agent offline and no schedules, as a test class's shared app may have been left by an earlier test.</summary>
    public Task ResetAvailabilityAsync() => InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        await db.Agents.ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, AgentStatus.Offline));
        await db.BusinessSchedules.ExecuteDeleteAsync();
        await db.Settings.ExecuteUpdateAsync(u => u.SetProperty(s => s.AnnouncedStatus, AccountStatus.Offline));
        return 0;
    });

    /// <summary>An agent picks a status, as with the workspace's switcher.</summary>
    public Task SetAgentStatusAsync(Guid agentId, AgentStatus status) =>
        InScopeAsync(sp => sp.GetRequiredService<AgentDirectory>().SetStatusAsync(agentId, status, default));

    /// <summary>A schedule made as an admin would make it.</summary>
    public Task<BusinessSchedule> CreateScheduleAsync(ScheduleInput input) =>
        InScopeAsync(sp => sp.GetRequiredService<BusinessHoursService>().CreateAsync(input, default));

    /// <summary>Every schedule as stored, by name.</summary>
    public Task<List<BusinessSchedule>> StoredSchedulesAsync() => InScopeAsync(sp =>
        sp.GetRequiredService<AppDbContext>().BusinessSchedules.AsNoTracking().OrderBy(s => s.Name).ToListAsync());

    /// <summary>The agent row as stored.</summary>
    public Task<Agent> StoredAgentAsync(Guid agentId) => InScopeAsync(sp =>
        sp.GetRequiredService<AppDbContext>().Agents.AsNoTracking().SingleAsync(a => a.Id == agentId));

    /// <summary>Runs the presence sweep once, as the worker would.</summary>
    public Task<int> ExpireStalePresenceAsync() =>
        InScopeAsync(sp => sp.GetRequiredService<AgentPresence>().ExpireStaleAsync(100, default));
}
