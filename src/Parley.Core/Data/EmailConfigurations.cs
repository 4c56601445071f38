using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parley.Core.Conversations;
using Parley.Core.Email;
using Parley.Core.Email.Inbound;
using Parley.Core.Email.Outbound;
using Parley.Core.EndUsers;

namespace Parley.Core.Data;

internal sealed class SupportAddressConfiguration : IEntityTypeConfiguration<SupportAddress>
{
    public void Configure(EntityTypeBuilder<SupportAddress> b)
    {
        b.Property(a => a.Address).HasMaxLength(EmailAddressRules.MaxLength);
        b.HasIndex(a => a.Address).IsUnique();
        b.Property(a => a.DisplayName).HasMaxLength(SupportAddressRules.MaxDisplayNameLength);
        b.Property(a => a.Route).HasMaxLength(32);
        b.Property(a => a.SmtpHost).HasMaxLength(255);
        b.Property(a => a.SmtpTls).HasMaxLength(32);
        b.Property(a => a.SmtpUserName).HasMaxLength(255);
        b.Property(a => a.SmtpPasswordProtected).HasMaxLength(2000);
        b.Property(a => a.DkimDomain).HasMaxLength(255);
        b.Property(a => a.DkimSelector).HasMaxLength(63);
        b.Property(a => a.DkimPrivateKeyProtected).HasMaxLength(20_000);
        b.Property(a => a.LastCheckDetail).HasMaxLength(500);
        b.Property(a => a.InboundRoute).HasMaxLength(32);
        b.Property(a => a.ImapHost).HasMaxLength(255);
        b.Property(a => a.ImapTls).HasMaxLength(32);
        b.Property(a => a.ImapUserName).HasMaxLength(255);
        b.Property(a => a.ImapPasswordProtected).HasMaxLength(2000);
        b.Property(a => a.ImapFolder).HasMaxLength(255);
        b.Property(a => a.LastInboundCheckDetail).HasMaxLength(500);
        b.Ignore(a => a.Domain);
        b.Ignore(a => a.HasWorkingRoute);
    }
}

internal sealed class OutboundEmailConfiguration : IEntityTypeConfiguration<OutboundEmail>
{
    public void Configure(EntityTypeBuilder<OutboundEmail> b)
    {
        b.HasOne<SupportAddress>().WithMany().HasForeignKey(e => e.SupportAddressId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Conversation>().WithMany().HasForeignKey(e => e.ConversationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<EndUser>().WithMany().HasForeignKey(e => e.EndUserId).OnDelete(DeleteBehavior.SetNull);
        b.Property(e => e.ToAddress).HasMaxLength(EmailAddressRules.MaxLength);
        b.Property(e => e.Subject).HasMaxLength(500);
        b.Property(e => e.MessageId).HasMaxLength(300);
        b.HasIndex(e => e.MessageId).IsUnique();
        b.Property(e => e.LastResult).HasMaxLength(1000);
        // Due work is found through its own small index: finished emails leave it.
        b.HasIndex(e => e.DueAt, "IX_OutboundEmails_Due").HasFilter("\"DueAt\" IS NOT NULL");
        b.HasIndex(e => new { e.ConversationId, e.CreatedAt });
    }
}

internal sealed class OutboundEmailAttemptConfiguration : IEntityTypeConfiguration<OutboundEmailAttempt>
{
    public void Configure(EntityTypeBuilder<OutboundEmailAttempt> b)
    {
        b.HasOne<OutboundEmail>().WithMany().HasForeignKey(a => a.EmailId).OnDelete(DeleteBehavior.Cascade);
        b.Property(a => a.Detail).HasMaxLength(1000);
        b.HasIndex(a => new { a.EmailId, a.At });
    }
}

internal sealed class CustomEmailTemplateConfiguration : IEntityTypeConfiguration<CustomEmailTemplate>
{
    public void Configure(EntityTypeBuilder<CustomEmailTemplate> b)
    {
        b.HasKey(t => t.Language);
        b.Property(t => t.Language).HasMaxLength(16);
        b.Property(t => t.Subject).HasMaxLength(EmailTemplates.MaxSubjectLength);
        b.Property(t => t.TextBody).HasMaxLength(EmailTemplates.MaxTextLength);
        b.Property(t => t.HtmlBody).HasMaxLength(EmailTemplates.MaxHtmlLength);
    }
}

internal sealed class InboundEmailConfiguration : IEntityTypeConfiguration<InboundEmail>
{
    public void Configure(EntityTypeBuilder<InboundEmail> b)
    {
        b.Property(e => e.Source).HasMaxLength(32);
        b.Property(e => e.Status).HasMaxLength(32);
        b.Property(e => e.MessageKey).HasMaxLength(InboundEmail.MaxKeyLength);
        // The same email delivered twice (a retried POST, a mailbox read again) is stored once.
        b.HasIndex(e => e.MessageKey).IsUnique();
        b.Property(e => e.FromAddress).HasMaxLength(EmailAddressRules.MaxLength);
        b.Property(e => e.FromName).HasMaxLength(200);
        b.Property(e => e.Subject).HasMaxLength(500);
        b.Property(e => e.Detail).HasMaxLength(InboundEmail.MaxDetailLength);
        b.Property(e => e.RoutedBy).HasMaxLength(32);
        b.HasOne<SupportAddress>().WithMany().HasForeignKey(e => e.SupportAddressId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Conversation>().WithMany().HasForeignKey(e => e.ConversationId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(e => new { e.ConversationId, e.Status });
        b.HasIndex(e => new { e.Status, e.ReceivedAt });
        b.HasIndex(e => e.PostedMessageId);
    }
}

internal sealed class InboundEmailContentConfiguration : IEntityTypeConfiguration<InboundEmailContent>
{
    public void Configure(EntityTypeBuilder<InboundEmailContent> b)
    {
        b.HasKey(c => c.InboundEmailId);
        b.HasOne<InboundEmail>().WithOne().HasForeignKey<InboundEmailContent>(c => c.InboundEmailId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MailboxCheckpointConfiguration : IEntityTypeConfiguration<MailboxCheckpoint>
{
    public void Configure(EntityTypeBuilder<MailboxCheckpoint> b)
    {
        b.HasKey(c => c.SupportAddressId);
        b.HasOne<SupportAddress>().WithOne().HasForeignKey<MailboxCheckpoint>(c => c.SupportAddressId).OnDelete(DeleteBehavior.Cascade);
        b.Property(c => c.Folder).HasMaxLength(255);
        b.Property(c => c.LeaseOwner).HasMaxLength(200);
        b.Property(c => c.LastError).HasMaxLength(500);
    }
}
