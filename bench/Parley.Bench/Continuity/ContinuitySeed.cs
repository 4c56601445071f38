using Npgsql;
using NpgsqlTypes;

namespace Parley.Bench.Continuity;

/// <summary>
/// Fills Parley's own tables (created by its migrations) with conversations as fast as PostgreSQL takes
/// them: binary COPY of end users, conversations and their two messages each, a question and a human
/// agent's reply. The due ones have an unread reply whose inactivity window started an hour ago; the
/// others were read. Due conversations are spread evenly over the table, and their windows are shuffled,
/// so the sweep reads rows scattered over the heap as it would in a real account.
/// </summary>
internal static class ContinuitySeed
{
    private static readonly string[] Languages = ["en", "en", "en", "de", "fr", "es", "pt-BR", "ja", "nl", "it"];

    private const string Question = "Hello! I ordered a teapot last week and the tracking page has not changed since Tuesday. Can you tell me when it ships?";
    private const string Reply = "Thanks for waiting, and sorry for the delay. Your teapot left our warehouse this morning; the carrier's tracking " +
        "page updates overnight, so you should see it moving by tomorrow. If it has not arrived by Friday, just reply here and I will send a new one.";

    /// <summary>
    /// Seeds <paramref name="total"/> conversations, <paramref name="due"/> of them with an ended window; the
    /// k-th oldest window belongs to a random due conversation. Returns when the rows are committed and analysed.
    /// </summary>
    public static async Task SeedAsync(NpgsqlDataSource data, Guid agentId, int total, int due, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await data.OpenConnectionAsync(ct);
        foreach (var (table, columns) in new[] { ("EndUsers", EndUserColumns), ("Conversations", ConversationColumns), ("Messages", MessageColumns) })
        {
            await CheckColumnsAsync(connection, table, columns, ct);
        }
        var windowOrder = Shuffled(due);
        var first = now.AddDays(-30);
        var spacing = (now.AddHours(-2) - first) / total;
        var windowsFrom = now.AddHours(-1);

        // Ids are made once and in order, so all three tables agree on them without a lookup.
        var rows = new Row[total];
        for (var i = 0; i < total; i++)
        {
            var created = first + spacing * i;
            var dueIndex = (long)(i + 1) * due / total > (long)i * due / total ? (int)((long)i * due / total) : -1;
            DateTimeOffset? window = dueIndex >= 0 ? windowsFrom.AddMilliseconds(windowOrder[dueIndex]) : null;
            rows[i] = new Row(Guid.CreateVersion7(created), Guid.CreateVersion7(created), created, window);
        }

        await CopyAsync(connection, "EndUsers", EndUserColumns, rows, (w, r, i) =>
        {
            w.Write(r.EndUserId, NpgsqlDbType.Uuid);
            w.WriteNull(); // ExternalId
            w.Write($"Customer {i}", NpgsqlDbType.Varchar);
            w.Write($"customer{i}@customer.test", NpgsqlDbType.Varchar);
            w.Write(false); // EmailVerified
            w.Write(false); // EmailBouncing
            w.Write(false); // Unsubscribed
            w.Write(Languages[i % Languages.Length], NpgsqlDbType.Varchar);
            w.Write(r.Created, NpgsqlDbType.TimestampTz);
            w.Write(r.Created.AddMinutes(10), NpgsqlDbType.TimestampTz);
        }, ct);

        await CopyAsync(connection, "Conversations", ConversationColumns, rows, (w, r, i) =>
        {
            var replied = r.Window ?? r.Created.AddMinutes(5);
            // Most conversations that are not waiting are long finished, as in an account that has run for a while.
            var status = r.Window is not null ? "Open" : (i % 10) switch { < 7 => "Closed", < 9 => "Solved", _ => "Open" };
            w.Write(r.ConversationId, NpgsqlDbType.Uuid);
            w.Write((long)i + 1); // Number
            w.Write(r.EndUserId, NpgsqlDbType.Uuid);
            w.Write(status, NpgsqlDbType.Varchar);
            w.Write(agentId, NpgsqlDbType.Uuid); // AssigneeId
            w.WriteNull(); // FollowUpOfId
            w.Write($"https://shop.example.com/products/{i % 500}", NpgsqlDbType.Varchar);
            w.Write("start", NpgsqlDbType.Varchar); // StartClientId
            w.Write(r.Created, NpgsqlDbType.TimestampTz);
            w.Write(replied, NpgsqlDbType.TimestampTz); // UpdatedAt
            w.Write(2L); // LastMessageSeq
            w.Write(replied, NpgsqlDbType.TimestampTz); // LastMessageAt
            w.Write(r.Window is null ? 2L : 1L); // EndUserReadSeq: the due ones have not read the reply
            w.Write(r.Created, NpgsqlDbType.TimestampTz); // LastEndUserActivityAt
            w.Write(r.Created, NpgsqlDbType.TimestampTz); // LastEndUserMessageAt
            WriteNullable(w, r.Window); // ContinuityWindowStartedAt
            w.Write(0L); // EmailedThroughSeq
            w.WriteNull(); // ReplyToken
            w.WriteNull(); // LastEmailedAt
            w.WriteNull(); // LastEmailedTo
            w.WriteNull(); // NotEmailedReason
            w.WriteNull(); // NotEmailedAt
            WriteNullable(w, status is "Solved" or "Closed" ? r.Created.AddHours(1) : null); // SolvedAt
            WriteNullable(w, status is "Closed" ? r.Created.AddDays(4) : null); // ClosedAt
            w.Write(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text); // Tags
            w.Write(Guid.NewGuid(), NpgsqlDbType.Uuid); // Version
        }, ct);

        await CopyAsync(connection, "Messages", MessageColumns, [.. rows.SelectMany(r => new[] { r, r with { EndUserId = Guid.Empty } })], (w, r, i) =>
        {
            // Each conversation's two rows in turn: the question (seq 1), then the reply (seq 2, marked by an empty EndUserId).
            var reply = r.EndUserId == Guid.Empty;
            var at = reply ? r.Window ?? r.Created.AddMinutes(5) : r.Created;
            w.Write(Guid.CreateVersion7(at), NpgsqlDbType.Uuid);
            w.Write(r.ConversationId, NpgsqlDbType.Uuid);
            w.Write(reply ? 2L : 1L);
            w.Write(reply ? "Agent" : "EndUser", NpgsqlDbType.Varchar);
            if (reply)
            {
                w.Write(agentId, NpgsqlDbType.Uuid);
            }
            else
            {
                w.WriteNull();
            }
            w.Write("Web", NpgsqlDbType.Varchar); // Channel
            w.Write(reply ? Reply : Question, NpgsqlDbType.Text);
            w.Write(reply ? "r" : "q", NpgsqlDbType.Varchar); // ClientId
            w.Write(false); // IsInternalNote
            w.Write(false); // DoNotEmail
            w.Write(at, NpgsqlDbType.TimestampTz);
            w.WriteNull(); // Prompt
        }, ct);

        await using (var sequence = new NpgsqlCommand($"SELECT setval('\"conversation_numbers\"', {total + 1})", connection))
        {
            await sequence.ExecuteNonQueryAsync(ct);
        }
        // As autovacuum would have done by now in a real account: statistics for the planner, a visibility map.
        await using var analyse = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 0 };
        await analyse.ExecuteNonQueryAsync(ct);
        await using var checkpoint = new NpgsqlCommand("CHECKPOINT", connection) { CommandTimeout = 0 };
        await checkpoint.ExecuteNonQueryAsync(ct);
    }

    private sealed record Row(Guid EndUserId, Guid ConversationId, DateTimeOffset Created, DateTimeOffset? Window);

    private static readonly string[] EndUserColumns =
        ["Id", "ExternalId", "Name", "Email", "EmailVerified", "EmailBouncing", "Unsubscribed", "Language", "CreatedAt", "LastSeenAt"];

    private static readonly string[] ConversationColumns =
    [
        "Id", "Number", "EndUserId", "Status", "AssigneeId", "FollowUpOfId", "PageUrl", "StartClientId", "CreatedAt", "UpdatedAt",
        "LastMessageSeq", "LastMessageAt", "EndUserReadSeq", "LastEndUserActivityAt", "LastEndUserMessageAt", "ContinuityWindowStartedAt",
        "EmailedThroughSeq", "ReplyToken", "LastEmailedAt", "LastEmailedTo", "NotEmailedReason", "NotEmailedAt", "SolvedAt", "ClosedAt",
        "Tags", "Version",
    ];

    private static readonly string[] MessageColumns =
        ["Id", "ConversationId", "Seq", "AuthorKind", "AuthorAgentId", "Channel", "Text", "ClientId", "IsInternalNote", "DoNotEmail", "CreatedAt", "Prompt"];

    /// <summary>The seed writes every column of the table as the migrations made it; a column it does not know means the model changed and the seed must follow.</summary>
    private static async Task CheckColumnsAsync(NpgsqlConnection connection, string table, string[] columns, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT column_name FROM information_schema.columns WHERE table_name = @t", connection);
        command.Parameters.AddWithValue("t", table);
        var actual = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                actual.Add(reader.GetString(0));
            }
        }
        if (!actual.ToHashSet().SetEquals(columns))
        {
            throw new InvalidOperationException(
                $"The seed's columns of \"{table}\" no longer match the migrations: the table has {string.Join(", ", actual.Except(columns))} " +
                $"that the seed does not write, and lacks {string.Join(", ", columns.Except(actual))}. Update Continuity/ContinuitySeed.cs.");
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string table, string[] columns, Row[] rows,
        Action<NpgsqlBinaryImporter, Row, int> write, CancellationToken ct)
    {
        var list = string.Join(", ", columns.Select(c => $"\"{c}\""));
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var importer = await connection.BeginBinaryImportAsync($"COPY \"{table}\" ({list}) FROM STDIN (FORMAT BINARY)", ct);
        // A million rows with their indexes take PostgreSQL minutes, far past the default 30 s command timeout.
        importer.Timeout = TimeSpan.FromMinutes(20);
        for (var i = 0; i < rows.Length; i++)
        {
            await importer.StartRowAsync(ct);
            // Rows of the message table come in pairs; their conversation's index is half theirs.
            write(importer, rows[i], table == "Messages" ? i / 2 : i);
        }
        await importer.CompleteAsync(ct);
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  {rows.Length:N0} rows into {table} in {started.Elapsed.TotalSeconds:F0} s"));
    }

    private static void WriteNullable(NpgsqlBinaryImporter w, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            w.Write(v, NpgsqlDbType.TimestampTz);
        }
        else
        {
            w.WriteNull();
        }
    }

    private static int[] Shuffled(int count)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(42).Shuffle(order);
        return order;
    }
}
