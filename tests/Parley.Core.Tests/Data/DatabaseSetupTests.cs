using Microsoft.EntityFrameworkCore;
using Npgsql;
using Parley.Core.Data;

namespace Parley.Core.Tests.Data;

public sealed class DatabaseSetupTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=model-check.db")]
    [InlineData(DatabaseProvider.Postgres, "Host=localhost;Database=model_check")]
    public void Each_provider_has_a_migration_for_every_model_change(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(builder, new DatabaseOptions { Provider = provider, ConnectionString = connectionString });
        using var db = new AppDbContext(builder.Options);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model changed without a {provider} migration; add one to both migrations projects (see README).");
    }

    [Fact]
    public void Postgres_connection_gets_prepared_statements_and_no_reset_by_default()
    {
        var built = new NpgsqlConnectionStringBuilder(DatabaseSetup.PostgresConnectionString("Host=db;Database=parley;Username=parley"));

        Assert.Equal(20, built.MaxAutoPrepare);
        Assert.True(built.NoResetOnClose);
        Assert.Equal("db", built.Host);
        Assert.Equal("parley", built.Username);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("Host=db;maxautoprepare=0;NoResetOnClose=false")]
    public void Postgres_connection_settings_the_operator_gives_win(string configured)
    {
        var built = new NpgsqlConnectionStringBuilder(DatabaseSetup.PostgresConnectionString(configured));

        Assert.Equal(0, built.MaxAutoPrepare);
        Assert.False(built.NoResetOnClose);
    }
}
