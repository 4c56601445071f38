using Npgsql;

namespace Parley.Bench;

/// <summary>The figures of one raw-insert run.</summary>
internal sealed record RawRun(string Label, int Tasks, double Seconds, double RowsPerSecond, Percentiles Insert, CpuShare Cpu);

/// <summary>
/// The ceiling to compare with: single-row INSERTs through Npgsql into a table shaped like Parley's
/// messages (uuid key, conversation id, sequence number, ~200-byte text, unique index on
/// (conversation_id, seq)), each its own autocommit transaction, with a connection taken from the pool
/// for every insert as an application would, over the same connection string as the server.
/// </summary>
internal static class RawInserts
{
    private const string Table = "bench_raw_messages";

    public static async Task CreateTableAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"""
            CREATE TABLE IF NOT EXISTS {Table} (
                id uuid PRIMARY KEY,
                conversation_id uuid NOT NULL,
                seq bigint NOT NULL,
                text text NOT NULL,
                created_at timestamptz NOT NULL);
            CREATE UNIQUE INDEX IF NOT EXISTS ix_{Table}_conversation_seq ON {Table} (conversation_id, seq);
            """, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<RawRun> RunAsync(
        string label, NpgsqlDataSource dataSource, int tasks, TimeSpan warmup, TimeSpan measured, CpuWindowFactory cpu, CancellationToken ct)
    {
        var visitors = Enumerable.Range(0, tasks).Select(i => new Visitor(i, "", Guid.CreateVersion7())).ToList();
        var sequences = new long[tasks];
        var window = await ClosedLoop.RunAsync(visitors, warmup, measured, async (v, n, started, token) =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(token);
            await using var command = new NpgsqlCommand(
                $"INSERT INTO {Table} (id, conversation_id, seq, text, created_at) VALUES ($1, $2, $3, $4, $5)", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
            command.Parameters.Add(new NpgsqlParameter { Value = v.ConversationId });
            command.Parameters.Add(new NpgsqlParameter { Value = ++sequences[v.Index] });
            command.Parameters.Add(new NpgsqlParameter { Value = ParleyApi.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = DateTime.UtcNow });
            return await command.ExecuteNonQueryAsync(token) == 1;
        }, cpu, ct);
        return new RawRun(label, tasks, window.Seconds, window.OkPerSecond, window.ResponseTimes, window.Cpu);
    }
}
