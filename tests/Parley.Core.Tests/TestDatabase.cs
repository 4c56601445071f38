using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Parley.Core.Accounts;
using Parley.Core.BusinessHours;
using Parley.Core.Conversations;
using Parley.Core.Data;
using Parley.Core.EndUsers;
using Parley.Core.Events;
using Parley.Core.Security;
using Parley.Core.Triggers;

namespace Parley.Core.Tests;

/// <summary>
/// A migrated in-memory SQLite database, a fake clock and a recording event publisher, with the Core
/// services built over them. The database lives as long as the connection, so one per test.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>Hashing stays correct but fast; the minimum the options allow.</summary>
    public static readonly SignInOptions FastSignIn = new() { PasswordIterations = 10_000 };

    private readonly SqliteConnection _connection;
    private readonly DbContextOptions<AppDbContext> _options;

    private TestDatabase(SqliteConnection connection)
    {
        _connection = connection;
        _options = new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite(connection, o => o.MigrationsAssembly(DatabaseSetup.SqliteMigrationsAssembly))
            .Options;
        Db = new AppDbContext(_options);
        Catalog = new TriggerCatalog(Clock);
        Events = new RecordingEventPublisher(() => Db.Database.CurrentTransaction is not null);
    }

    public AppDbContext Db { get; }
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    public RecordingEventPublisher Events { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var database = new TestDatabase(connection);
        await database.Db.Database.MigrateAsync();
        return database;
    }

    /// <summary>A separate context over the same database, to read what was really stored.</summary>
    public AppDbContext NewContext() => new(_options);

    public PasswordHasher Hasher() => new(Options.Create(FastSignIn));

    /// <summary>The trigger set of this database, kept as the server keeps it: one per process.</summary>
    public TriggerCatalog Catalog { get; }

    public ConversationService Conversations(LimitsOptions? limits = null) =>
        new(Db, Events, Clock, Options.Create(limits ?? new LimitsOptions()), new TriggerEvents(Catalog));

    public ConversationCommands Commands() => new(Db, Events, Clock, new TriggerEvents(Catalog));

    public SolvedConversationCloser Closer() => new(Db, Events, Clock);

    public TriggerService Triggers() => new(Db, Catalog, Events, Clock);


    public ConversationQueries Queries() => new(Db, Options.Create(new LimitsOptions()));

    /// <summary>The trigger engine as a worker runs it, over this database.</summary>
    public TriggerEngine Engine() =>
        new(Db, Catalog, Conversations(), Events, Availability(), Queries(), Clock, Options.Create(new LimitsOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<TriggerEngine>.Instance);

    public AgentSignIn SignIn() => new(Db, Hasher(), Clock, Options.Create(FastSignIn));

    public AgentDirectory Agents() => new(Db, Hasher(), Events, Clock, Options.Create(FastSignIn), Availability());

    /// <summary>Presence as the server is configured by default: heartbeats every minute, three minutes to go stale.</summary>
    public PresenceOptions Presence { get; } = new();

    public AccountAvailability Availability() => new(Db, Clock, Options.Create(Presence), Events);

    public AgentPresence AgentPresence() => new(Db, Availability(), Events, Clock, Options.Create(Presence));

    public BusinessHoursService BusinessHours() => new(Db, Clock);

    public ApiTokens ApiTokens() => new(Db, Clock);

    public SettingsService Settings() => new(Db, Clock);

    public async Task<Guid> AddEndUserAsync()
    {
        var now = Clock.GetUtcNow();
        var endUser = new EndUser { Id = Guid.CreateVersion7(now), CreatedAt = now, LastSeenAt = now };
        Db.EndUsers.Add(endUser);
        await Db.SaveChangesAsync();
        return endUser.Id;
    }

    public async Task<AgentActor> AddAgentAsync(
        string name = "Sam Support", AgentRole role = AgentRole.Agent, bool chatAccess = true, string? password = null)
    {
        var email = $"{name.Replace(' ', '.').ToLowerInvariant()}@example.com";
        var (agent, _) = await Agents().CreateAsync(new NewAgent(name, email, password, role, chatAccess), CancellationToken.None);
        return new AgentActor(agent.Id, agent.Name, agent.Role, agent.ChatAccess);
    }

    /// <summary>Puts a conversation straight into a status, as if it had got there earlier.</summary>
    public async Task SetStatusAsync(Guid conversationId, ConversationStatus status, DateTimeOffset? solvedAt = null)
    {
        var conversation = await Db.Conversations.SingleAsync(c => c.Id == conversationId);
        conversation.Status = status;
        conversation.SolvedAt = solvedAt ?? (status is ConversationStatus.Solved or ConversationStatus.Closed ? Clock.GetUtcNow() : null);
        conversation.ClosedAt = status == ConversationStatus.Closed ? Clock.GetUtcNow() : null;
        conversation.Version = Guid.NewGuid();
        await Db.SaveChangesAsync();
        // Like the end of a request: the services that follow load what is stored.
        Db.ChangeTracker.Clear();
    }

    public async Task<Conversation> ReadConversationAsync(Guid conversationId)
    {
        await using var db = NewContext();
        return await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == conversationId);
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        await _connection.DisposeAsync();
    }
}

/// <summary>Records published events and whether a database transaction was still open when each was published.</summary>
public sealed class RecordingEventPublisher(Func<bool> transactionOpen) : IEventPublisher
{
    private readonly List<ParleyEvent> _published = [];

    public IReadOnlyList<ParleyEvent> Published => _published;

    /// <summary>Set when an event was published inside a transaction, i.e. before its change was committed.</summary>
    public bool PublishedBeforeCommit { get; private set; }

    public void Publish(ParleyEvent e)
    {
        PublishedBeforeCommit |= transactionOpen();
        _published.Add(e);
    }

    public void Clear()
    {
        _published.Clear();
        PublishedBeforeCommit = false;
    }
}
