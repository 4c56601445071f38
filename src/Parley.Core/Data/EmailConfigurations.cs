using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parley.Core.Conversations;
using Parley.Core.Email;
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
