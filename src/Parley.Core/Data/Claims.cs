using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Parley.Core.Data;

/// <summary>
/// Claiming due rows so that several servers can run the same worker: on PostgreSQL a query tagged
/// with <see cref="ForClaim{T}"/> gets <c>FOR UPDATE SKIP LOCKED</c>, so each row goes to one server
/// until its transaction ends. SQLite runs as a single node and has one writer at a time anyway.
/// </summary>
public static class Claims
{
    internal const string Tag = "parley:claim";
    internal const string LockTag = "parley:lock";

    /// <summary>Rows this query returns are locked for the current transaction; rows locked by others are skipped.</summary>
    public static IQueryable<T> ForClaim<T>(this IQueryable<T> query) => query.TagWith(Tag);

    /// <summary>Rows this query returns are locked for the current transaction, waiting for other holders.</summary>
    public static IQueryable<T> ForUpdate<T>(this IQueryable<T> query) => query.TagWith(LockTag);
}

/// <summary>Adds the PostgreSQL row-lock clauses that the tags in <see cref="Claims"/> ask for.</summary>
internal sealed class PostgresLockingInterceptor : DbCommandInterceptor
{
    public override InterceptionResult<DbDataReader> ReaderExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        AddLockClause(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken = default)
    {
        AddLockClause(command);
        return ValueTask.FromResult(result);
    }

    private static void AddLockClause(DbCommand command)
    {
        var sql = command.CommandText;
        if (!sql.StartsWith("-- parley:", StringComparison.Ordinal))
        {
            return;
        }
        if (sql.StartsWith("-- " + Claims.Tag, StringComparison.Ordinal))
        {
            command.CommandText = sql.TrimEnd().TrimEnd(';') + " FOR UPDATE SKIP LOCKED";
        }
        else if (sql.StartsWith("-- " + Claims.LockTag, StringComparison.Ordinal))
        {
            command.CommandText = sql.TrimEnd().TrimEnd(';') + " FOR UPDATE";
        }
    }
}
