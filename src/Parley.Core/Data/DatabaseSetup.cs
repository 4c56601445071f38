using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Parley.Core.Data;

/// <summary>Configures <see cref="AppDbContext"/> for the chosen provider and its migrations project.</summary>
public static class DatabaseSetup
{
    public const string SqliteMigrationsAssembly = "Parley.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Parley.Migrations.Postgres";
    public const string DefaultSqliteConnectionString = "Data Source=data/parley.db";

    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(PostgresConnectionString(options.ConnectionString!), npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));
                builder.AddInterceptors(new PostgresLockingInterceptor());
                break;
            default:
                builder.UseSqlite(SqliteConnectionString(options.ConnectionString),
                    sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));
                break;
        }
    }

    /// <summary>Makes sure the folder of a file-based SQLite database exists.</summary>
    public static string SqliteConnectionString(string? configured)
    {
        var builder = new SqliteConnectionStringBuilder(configured ?? DefaultSqliteConnectionString);
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, 30);
        return builder.ToString();
    }

    /// <summary>
    /// Parley's defaults for what the operator's connection string leaves out: automatic prepared statements
    /// (each query is planned once per connection, not on every call) and no session reset when a pooled
    /// connection is returned (Parley keeps no session state on connections). Together they take about half
    /// of PostgreSQL's work per message away; see docs/benchmarks.md. An explicit value always wins.
    /// </summary>
    public static string PostgresConnectionString(string configured)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = configured };
        var keys = given.Keys.Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()).ToHashSet();
        var builder = new NpgsqlConnectionStringBuilder(configured);
        if (!keys.Contains("MAXAUTOPREPARE"))
        {
            builder.MaxAutoPrepare = 20;
        }
        if (!keys.Contains("NORESETONCLOSE"))
        {
            builder.NoResetOnClose = true;
        }
        return builder.ConnectionString;
    }

    /// <summary>Applies pending migrations and the SQLite settings that let readers and a writer overlap.</summary>
    public static async Task MigrateAsync(AppDbContext db, CancellationToken ct)
    {
        if (!db.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        await db.Database.MigrateAsync(ct);
    }
}
