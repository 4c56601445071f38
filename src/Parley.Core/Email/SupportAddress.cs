using Parley.Core.Email.Outbound;

namespace Parley.Core.Email;

/// <summary>How a support address sends mail.</summary>
public enum OutboundRoute
{
    /// <summary>Into the development mailbox: files under the data folder, shown in the admin center.</summary>
    DevelopmentMailbox,
    Smtp,
}

/// <summary>How replies to a support address reach Parley.</summary>
public enum InboundRoute
{
    /// <summary>The mail server or provider hands them over: the HTTP endpoint or <c>parley mail ingest</c>.</summary>
    Forwarded,
    /// <summary>Parley reads the support mailbox over IMAP.</summary>
    Imap,
}

/// <summary>
/// An address end users are emailed from and reply to (support+token@ its domain), with its way out:
/// an SMTP server or the development mailbox. One is the default, used for continuation emails.
/// </summary>
public sealed class SupportAddress
{
    public Guid Id { get; set; }
    public required string Address { get; set; }
    /// <summary>Names the business in From; the agent's name is put before it per email.</summary>
    public required string DisplayName { get; set; }
    public bool IsDefault { get; set; }
    public OutboundRoute Route { get; set; }
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public SmtpTlsMode SmtpTls { get; set; } = SmtpTlsMode.StartTls;
    public string? SmtpUserName { get; set; }
    /// <summary>The SMTP password, encrypted with <see cref="Security.ISecretProtector"/>; never shown back.</summary>
    public string? SmtpPasswordProtected { get; set; }
    public string? DkimDomain { get; set; }
    public string? DkimSelector { get; set; }
    /// <summary>The DKIM private key (PEM), encrypted like the password.</summary>
    public string? DkimPrivateKeyProtected { get; set; }
    /// <summary>When the route last worked or failed a check (the admin's "send test email").</summary>
    public DateTimeOffset? LastCheckAt { get; set; }
    public bool LastCheckSucceeded { get; set; }
    public string? LastCheckDetail { get; set; }
    public InboundRoute InboundRoute { get; set; }
    public string? ImapHost { get; set; }
    public int ImapPort { get; set; } = 993;
    public SmtpTlsMode ImapTls { get; set; } = SmtpTlsMode.SslOnConnect;
    public string? ImapUserName { get; set; }
    /// <summary>The IMAP password, encrypted like the SMTP one.</summary>
    public string? ImapPasswordProtected { get; set; }
    public string ImapFolder { get; set; } = "INBOX";
    /// <summary>When the inbound route last passed or failed the admin's inbound check.</summary>
    public DateTimeOffset? LastInboundCheckAt { get; set; }
    public bool LastInboundCheckSucceeded { get; set; }
    public string? LastInboundCheckDetail { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The domain of <see cref="Address"/>, for Message-IDs and the Reply-To address.</summary>
    public string Domain => Address[(Address.LastIndexOf('@') + 1)..];

    /// <summary>A way out that is known to work: the development mailbox always does, SMTP once a check passed.</summary>
    public bool HasWorkingRoute => Route == OutboundRoute.DevelopmentMailbox || (LastCheckSucceeded && !string.IsNullOrEmpty(SmtpHost));

    /// <summary>support+token@domain: replies to it name their conversation.</summary>
    public string ReplyAddressFor(string token)
    {
        var at = Address.LastIndexOf('@');
        return $"{Address[..at]}+{token}@{Address[(at + 1)..]}";
    }
}
