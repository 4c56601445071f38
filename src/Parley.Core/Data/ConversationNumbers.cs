using Microsoft.EntityFrameworkCore;

namespace Parley.Core.Data;

/// <summary>Hands out readable conversation numbers (#1, #2, ...).</summary>
internal static class ConversationNumbers
{
    public const string SequenceName = "conversation_numbers";

    /// <summary>
    /// PostgreSQL uses a sequence, so concurrent starts never wait on each other. SQLite has one writer
    /// at a time, and the caller holds the write transaction, so max + 1 is safe there.
    /// </summary>
    public static async Task<long> NextAsync(AppDbContext db, CancellationToken ct)
    {
        var sql = db.IsPostgres
            ? $"SELECT nextval('\"{SequenceName}\"') AS \"Value\""
            : "SELECT COALESCE(MAX(\"Number\"), 0) + 1 AS \"Value\" FROM \"Conversations\"";
        var values = await db.Database.SqlQueryRaw<long>(sql).ToListAsync(ct);
        return values[0];
    }
}
