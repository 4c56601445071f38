using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Parley.Bench.Messenger;
using Parley.Core;
using Parley.Core.Conversations;
using Parley.Core.Data;

namespace Parley.Bench.Workspace;

/// <summary>
/// What the same reads cost below the workspace, on the same database in the same run: the hand-written
/// SQL of a queue page and of the newest 500 messages over a plain connection, the same through Parley's
/// Core queries (EF Core), and Parley's HTTP API.
/// </summary>
internal sealed class Baselines(string provider, string connectionString)
{
    private const string QueueColumns = """
        SELECT c."Id", c."Number", c."Status", c."UpdatedAt", u."Name", u."Email",
               (SELECT substr(m."Text", 1, 160) FROM "Messages" m WHERE m."ConversationId" = c."Id" AND m."Seq" = c."LastMessageSeq")
        FROM "Conversations" c JOIN "EndUsers" u ON u."Id" = c."EndUserId"
        WHERE c."AssigneeId" IS NULL AND c."Status" IN ('New', 'Open', 'Pending', 'OnHold')
        """;

    private const string QueueFirstPage = QueueColumns + """
         ORDER BY c."UpdatedAt" DESC, c."Id" DESC LIMIT 51
        """;

    private const string QueueNextPage = QueueColumns + """
         AND c."UpdatedAt" <= @t AND (c."UpdatedAt" < @t OR c."Id" < @id) ORDER BY c."UpdatedAt" DESC, c."Id" DESC LIMIT 51
        """;

    private const string NewestMessages = """
        SELECT m."Id", m."Seq", m."AuthorKind", m."AuthorAgentId", m."Channel", m."Text", m."IsInternalNote", m."CreatedAt"
        FROM "Messages" m WHERE m."ConversationId" = @id AND m."Seq" > @from ORDER BY m."Seq" LIMIT 500
        """;

    private DbConnection Connect() => provider == "Postgres"
        ? new NpgsqlConnection(DatabaseSetup.PostgresConnectionString(connectionString))
        : new SqliteConnection(connectionString);

    /// <summary>Every page of the queue by keyset over one open connection, as raw SQL: the time of each page.</summary>
    public async Task<Spread> RawQueueWalkAsync(int pages, CancellationToken ct)
    {
        await using var connection = Connect();
        await connection.OpenAsync(ct);
        var times = new List<double>();
        for (var round = 0; round < 2; round++)
        {
            // The first walk warms the connection's statement cache and the database's pages; the second is timed.
            times.Clear();
            object? t = null, id = null;
            for (var p = 0; p < pages; p++)
            {
                var clock = Stopwatch.StartNew();
                await using var command = connection.CreateCommand();
                command.CommandText = t is null ? QueueFirstPage : QueueNextPage;
                if (t is not null)
                {
                    Add(command, "t", t);
                    Add(command, "id", id!);
                }
                var rows = 0;
                await using (var reader = await command.ExecuteReaderAsync(ct))
                {
                    while (await reader.ReadAsync(ct))
                    {
                        if (++rows == 50)
                        {
                            (id, t) = (reader.GetValue(0), reader.GetValue(3));
                        }
                        _ = reader.IsDBNull(6) ? null : reader.GetString(6);
                    }
                }
                times.Add(clock.Elapsed.TotalMilliseconds);
                if (rows <= 50)
                {
                    break;
                }
            }
        }
        return Spread.Of(times);
    }

    /// <summary>The newest 500 messages of the conversation as raw SQL, <paramref name="repeats"/> times after as many unmeasured.</summary>
    public async Task<Spread> RawMessagesAsync(Guid conversation, long lastSeq, int repeats, CancellationToken ct)
    {
        await using var connection = Connect();
        await connection.OpenAsync(ct);
        var times = new List<double>();
        for (var i = -repeats; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            await using var command = connection.CreateCommand();
            command.CommandText = NewestMessages;
            Add(command, "id", provider == "Postgres" ? conversation : conversation.ToString().ToUpperInvariant());
            Add(command, "from", Math.Max(0, lastSeq - 500));
            var count = 0;
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    _ = reader.GetString(5);
                    count++;
                }
            }
            if (count == 0)
            {
                throw new InvalidOperationException("The raw messages query found nothing; is the id stored differently?");
            }
            if (i >= 0)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        return Spread.Of(times);
    }

    /// <summary>Parley's own Core queries in this process (EF Core, no HTTP): a whole queue walk and the long conversation's timeline.</summary>
    public async Task<(Spread QueuePage, Spread Timeline)> CoreQueriesAsync(Guid conversation, int repeats, CancellationToken ct)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(builder, new DatabaseOptions
        {
            Provider = provider == "Postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite,
            ConnectionString = connectionString,
        });
        var limits = Options.Create(new LimitsOptions());
        var pages = new List<double>();
        var timelines = new List<double>();
        for (var round = 0; round < 2; round++)
        {
            pages.Clear();
            timelines.Clear();
            string? cursor = null;
            do
            {
                await using var db = new AppDbContext(builder.Options);
                var clock = Stopwatch.StartNew();
                var page = await new ConversationQueries(db, limits).ListAsync(ConversationView.Unassigned, Guid.Empty, cursor, 50, ct);
                pages.Add(clock.Elapsed.TotalMilliseconds);
                cursor = page.NextCursor;
            }
            while (cursor is not null);
            for (var i = 0; i < repeats; i++)
            {
                await using var db = new AppDbContext(builder.Options);
                var clock = Stopwatch.StartNew();
                await new ConversationQueries(db, limits).TimelineAsync(conversation, null, ct);
                timelines.Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        return (Spread.Of(pages), Spread.Of(timelines));
    }

    /// <summary>Every page of the queue through GET /api/v1/conversations, as the agent (cookie).</summary>
    public static async Task<(Spread Pages, int Count)> ApiQueueWalkAsync(HttpClient http, string cookie, CancellationToken ct)
    {
        var times = new List<double>();
        var count = 0;
        for (var round = 0; round < 2; round++)
        {
            times.Clear();
            count = 0;
            string? cursor = null;
            do
            {
                using var request = new HttpRequestMessage(HttpMethod.Get,
                    "/api/v1/conversations?view=unassigned&limit=50" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
                request.Headers.Add("Cookie", cookie);
                var clock = Stopwatch.StartNew();
                using var response = await http.SendAsync(request, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                times.Add(clock.Elapsed.TotalMilliseconds);
                response.EnsureSuccessStatusCode();
                using var json = System.Text.Json.JsonDocument.Parse(body);
                count += json.RootElement.GetProperty("items").GetArrayLength();
                cursor = json.RootElement.GetProperty("nextCursor").GetString();
            }
            while (cursor is not null);
        }
        return (Spread.Of(times), count);
    }

    /// <summary>The conversation page's server-rendered HTML (all 500 messages), to its last byte.</summary>
    public static async Task<Spread> PrerenderAsync(HttpClient http, string cookie, Guid conversation, int repeats, CancellationToken ct)
    {
        var times = new List<double>();
        for (var i = -repeats; i < repeats; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/workspace/conversations/{conversation}");
            request.Headers.Add("Cookie", cookie);
            var clock = Stopwatch.StartNew();
            using var response = await http.SendAsync(request, ct);
            var html = await response.Content.ReadAsStringAsync(ct);
            var ms = clock.Elapsed.TotalMilliseconds;
            if (!response.IsSuccessStatusCode || !html.Contains("data-count=\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The conversation page answered {(int)response.StatusCode} without a timeline.");
            }
            if (i >= 0)
            {
                times.Add(ms);
            }
        }
        return Spread.Of(times);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
