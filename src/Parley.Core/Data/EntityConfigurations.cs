using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parley.Core.Accounts;
using Parley.Core.Conversations;
using Parley.Core.EndUsers;

namespace Parley.Core.Data;

internal sealed class AgentConfiguration : IEntityTypeConfiguration<Agent>
{
    public void Configure(EntityTypeBuilder<Agent> b)
    {
        b.Property(a => a.Email).HasMaxLength(320);
        b.Property(a => a.NormalizedEmail).HasMaxLength(320);
        b.HasIndex(a => a.NormalizedEmail).IsUnique();
        b.Property(a => a.Name).HasMaxLength(200);
        b.Property(a => a.PasswordHash).HasMaxLength(200);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.Property(t => t.Name).HasMaxLength(200);
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.Property(t => t.Prefix).HasMaxLength(16);
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.Property(t => t.Scopes).HasConversion<int>();
        b.HasOne<Agent>().WithMany().HasForeignKey(t => t.AgentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AccountSettingsConfiguration : IEntityTypeConfiguration<AccountSettings>
{
    public void Configure(EntityTypeBuilder<AccountSettings> b)
    {
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.BusinessName).HasMaxLength(100);
        b.Property(s => s.MessengerColor).HasMaxLength(7);
        b.Property(s => s.Greeting).HasMaxLength(500);
        b.Property(s => s.AllowedOrigins).HasMaxLength(4000);
        b.Property(s => s.IdentitySecret).HasMaxLength(200);
        b.Property(s => s.LinkSigningKey).HasMaxLength(100);
        b.Property(s => s.InboundKeyProtected).HasMaxLength(2000);
        b.Property(s => s.DefaultLanguage).HasMaxLength(16);
        b.Property(s => s.OfferedLanguages).HasMaxLength(1000);
    }
}

internal sealed class EndUserConfiguration : IEntityTypeConfiguration<EndUser>
{
    public void Configure(EntityTypeBuilder<EndUser> b)
    {
        b.Property(u => u.ExternalId).HasMaxLength(200);
        b.HasIndex(u => u.ExternalId).IsUnique();
        b.Property(u => u.Name).HasMaxLength(200);
        b.Property(u => u.Email).HasMaxLength(320);
        b.HasIndex(u => u.Email);
        b.Property(u => u.Language).HasMaxLength(16);
    }
}

internal sealed class MessengerSessionConfiguration : IEntityTypeConfiguration<MessengerSession>
{
    public void Configure(EntityTypeBuilder<MessengerSession> b)
    {
        b.Property(s => s.TokenHash).HasMaxLength(64);
        b.HasIndex(s => s.TokenHash).IsUnique();
        b.HasOne<EndUser>().WithMany().HasForeignKey(s => s.EndUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> b)
    {
        b.HasIndex(c => c.Number).IsUnique();
        b.HasOne<EndUser>().WithMany().HasForeignKey(c => c.EndUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agent>().WithMany().HasForeignKey(c => c.AssigneeId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Conversation>().WithMany().HasForeignKey(c => c.FollowUpOfId).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.PageUrl).HasMaxLength(2048);
        b.Property(c => c.StartClientId).HasMaxLength(200);
        // A retried start finds the conversation it already created.
        b.HasIndex(c => new { c.EndUserId, c.StartClientId }).IsUnique();
        // Each view pages by keyset over an index of its own rows only, newest activity first, so a page reads
        // fifty entries however long the queue is and a count reads nothing else. The filters repeat the views'
        // conditions (ConversationQueries.Filter) word for word: SQLite and PostgreSQL use a partial index only
        // for a query whose conditions contain the index's.
        const string unsolved = "\"Status\" IN ('New', 'Open', 'Pending', 'OnHold')";
        b.HasIndex(c => new { c.UpdatedAt, c.Id }, "IX_Conversations_Unassigned").HasFilter($"\"AssigneeId\" IS NULL AND {unsolved}");
        b.HasIndex(c => new { c.AssigneeId, c.UpdatedAt, c.Id }, "IX_Conversations_Assigned").HasFilter(unsolved);
        b.HasIndex(c => new { c.UpdatedAt, c.Id }, "IX_Conversations_Open").HasFilter("\"Status\" IN ('New', 'Open')");
        b.HasIndex(c => new { c.UpdatedAt, c.Id }, "IX_Conversations_Pending").HasFilter("\"Status\" IN ('Pending', 'OnHold')");
        b.HasIndex(c => new { c.UpdatedAt, c.Id }, "IX_Conversations_Solved").HasFilter("\"Status\" = 'Solved'");
        // No index leads with Status: without statistics SQLite would take one for the views above and sort.
        // Due work is found through indexes: continuity windows and solved conversations to close.
        b.HasIndex(c => c.ContinuityWindowStartedAt);
        // Replies by email find their conversation by the Reply-To token.
        b.Property(c => c.ReplyToken).HasMaxLength(32);
        b.HasIndex(c => c.ReplyToken).IsUnique();
        b.Property(c => c.LastEmailedTo).HasMaxLength(EmailAddressRules.MaxLength);
        b.Property(c => c.NotEmailedReason).HasMaxLength(32);
        b.HasIndex(c => c.SolvedAt, "IX_Conversations_SolvedAt").HasFilter("\"Status\" = 'Solved'");
        b.Property(c => c.Version).IsConcurrencyToken();
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> b)
    {
        b.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Agent>().WithMany().HasForeignKey(m => m.AuthorAgentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => new { m.ConversationId, m.Seq }).IsUnique();
        b.HasIndex(m => new { m.ConversationId, m.ClientId }).IsUnique();
        b.HasIndex(m => m.CreatedAt);
        b.Property(m => m.ClientId).HasMaxLength(200);
        b.Property(m => m.Prompt).HasMaxLength(32);
        b.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.Property(a => a.FileName).HasMaxLength(255);
        b.Property(a => a.ContentType).HasMaxLength(255);
    }
}

/// <summary>
/// The bytes in a table of their own with no navigation from <see cref="Attachment"/>, so no query that
/// includes a message's attachments can pull them in by accident.
/// </summary>
internal sealed class AttachmentContentConfiguration : IEntityTypeConfiguration<AttachmentContent>
{
    public void Configure(EntityTypeBuilder<AttachmentContent> b)
    {
        b.HasKey(c => c.AttachmentId);
        b.HasOne<Attachment>().WithOne().HasForeignKey<AttachmentContent>(c => c.AttachmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b) => b.Property(k => k.FriendlyName).HasMaxLength(200);
}
