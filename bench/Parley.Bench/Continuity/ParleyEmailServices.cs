using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Accounts;
using Parley.Core.Data;
using Parley.Core.Email;
using Parley.Core.Email.Outbound;

namespace Parley.Bench.Continuity;

/// <summary>
/// Parley's Core services in this process, registered as the server registers them (<c>AddParleyCore</c>
/// with its default email options), over one database; and the account the continuity mode needs: continuous
/// conversations on, one agent, and a checked default support address that sends through the local Postfix.
/// </summary>
internal static class ParleyEmailServices
{
    public const string SupportAddress = "support@support.test";

    public static ServiceProvider Build(string connectionString) => CoreServices.Build(connectionString);

    /// <summary>Runs the migrations and adds the account; returns the agent whose replies are emailed.</summary>
    public static async Task<Guid> PrepareAccountAsync(IServiceProvider services, LocalPostfix postfix, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await DatabaseSetup.MigrateAsync(db, ct);
        var agent = new Agent
        {
            Id = Guid.CreateVersion7(now), Email = "dana@tea.example", NormalizedEmail = "DANA@TEA.EXAMPLE", Name = "Dana Brewer",
            PasswordHash = "not-used", Role = AgentRole.Admin, ChatAccess = true, CreatedAt = now, SecurityStamp = Guid.NewGuid(),
        };
        db.Agents.Add(agent);
        db.Settings.Add(new AccountSettings
        {
            BusinessName = "The Tea Shop", ContinuousConversationsEnabled = true, InactivityWindowMinutes = 10, UpdatedAt = now,
        });
        db.SupportAddresses.Add(new SupportAddress
        {
            Id = Guid.CreateVersion7(now), Address = SupportAddress, DisplayName = "The Tea Shop", IsDefault = true,
            Route = OutboundRoute.Smtp, SmtpHost = postfix.Host, SmtpPort = postfix.Port, SmtpTls = SmtpTlsMode.None,
            LastCheckAt = now, LastCheckSucceeded = true, LastCheckDetail = "Checked by the benchmark.", CreatedAt = now, UpdatedAt = now,
        });
        await db.SaveChangesAsync(ct);
        return agent.Id;
    }
}
