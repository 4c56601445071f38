using System.ComponentModel.DataAnnotations;

namespace Parley.Core.Email;

/// <summary>Email in and out: where links in emails point, the development mailbox, delivery and retries.</summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string Section = "Parley:Email";

    /// <summary>Parley's address as end users reach it; continue and unsubscribe links in emails start with it.</summary>
    [Required] public string PublicUrl { get; set; } = "http://localhost:5080";

    /// <summary>Where the development mailbox keeps its files, relative to the working folder.</summary>
    [Required] public string DevelopmentMailboxFolder { get; set; } = "data/mailbox";

    /// <summary>How long the link in a continuation email reopens its conversation.</summary>
    [Range(1, 90)] public int ContinueLinkDays { get; set; } = 30;

    /// <summary>Attempts before a temporarily failing email is given up (back-off grows to an hour between them).</summary>
    [Range(1, 100)] public int MaxAttempts { get; set; } = 12;

    /// <summary>How long a server may take to send a claimed email before another may take it over.</summary>
    [Range(10, 3600)] public int LeaseSeconds { get; set; } = 120;

    [Range(1, 1000)] public int SweepBatchSize { get; set; } = 200;

    [Range(1, 1000)] public int DeliveryBatchSize { get; set; } = 100;

    /// <summary>Seconds between looks for due windows and due emails, when nothing is waiting.</summary>
    [Range(1, 300)] public int PollSeconds { get; set; } = 5;

    /// <summary>The largest incoming email accepted, attachments included; larger ones are refused whole.</summary>
    [Range(64 * 1024, 100 * 1024 * 1024)] public int MaxInboundBytes { get; set; } = 30 * 1024 * 1024;

    /// <summary>How long a server reads a support mailbox before another may take over (renewed while it reads).</summary>
    [Range(30, 3600)] public int MailboxLeaseSeconds { get; set; } = 120;

    /// <summary>How long one IMAP IDLE waits for new mail before the lease is renewed and the mailbox looked at again.</summary>
    [Range(5, 1500)] public int ImapIdleSeconds { get; set; } = 50;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ImapIdleSeconds * 2 > MailboxLeaseSeconds)
        {
            yield return new ValidationResult("Parley:Email:ImapIdleSeconds must be at most half of MailboxLeaseSeconds, so the lease is renewed in time.", [nameof(ImapIdleSeconds)]);
        }
        if (!Uri.TryCreate(PublicUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0)
        {
            yield return new ValidationResult("Parley:Email:PublicUrl must be an absolute http(s) URL without a query, e.g. https://support.example.com", [nameof(PublicUrl)]);
        }
    }

    /// <summary>The public URL without a trailing slash, for joining paths.</summary>
    public string BaseUrl => PublicUrl.TrimEnd('/');
}
