using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Parley.Core.Data;

namespace Parley.Migrations.Postgres;

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model without a server (migrations need no connection).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(builder, new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=localhost;Database=parley_design" });
        return new AppDbContext(builder.Options);
    }
}
