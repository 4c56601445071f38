using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Parley.Core.Accounts;
using Parley.Core.BusinessHours;
using Parley.Core.Conversations;
using Parley.Core.Email;
using Parley.Core.Email.Inbound;
using Parley.Core.Email.Outbound;
using Parley.Core.EndUsers;
using Parley.Core.Triggers;

namespace Parley.Core.Data;

/// <summary>Parley's database, the same model over SQLite and PostgreSQL.</summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
{
    public DbSet<Agent> Agents => Set<Agent>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AccountSettings> Settings => Set<AccountSettings>();
    public DbSet<EndUser> EndUsers => Set<EndUser>();
    public DbSet<MessengerSession> MessengerSessions => Set<MessengerSession>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<AttachmentContent> AttachmentContents => Set<AttachmentContent>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Trigger> Triggers => Set<Trigger>();
    public DbSet<TriggerJob> TriggerJobs => Set<TriggerJob>();
    public DbSet<TriggerRun> TriggerRuns => Set<TriggerRun>();
    public DbSet<BusinessSchedule> BusinessSchedules => Set<BusinessSchedule>();
    public DbSet<SupportAddress> SupportAddresses => Set<SupportAddress>();
    public DbSet<OutboundEmail> OutboundEmails => Set<OutboundEmail>();
    public DbSet<OutboundEmailAttempt> OutboundEmailAttempts => Set<OutboundEmailAttempt>();
    public DbSet<CustomEmailTemplate> EmailTemplates => Set<CustomEmailTemplate>();
    public DbSet<InboundEmail> InboundEmails => Set<InboundEmail>();
    public DbSet<InboundEmailContent> InboundEmailContents => Set<InboundEmailContent>();
    public DbSet<MailboxCheckpoint> MailboxCheckpoints => Set<MailboxCheckpoint>();

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type; storing DateTimeOffset as a number keeps ordering and comparisons in SQL.
        if (!IsPostgres)
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(16);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        if (IsPostgres)
        {
            modelBuilder.HasSequence<long>(ConversationNumbers.SequenceName);
        }
    }
}
