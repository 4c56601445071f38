using MimeKit;

namespace Parley.Core.Email.Inbound.Classification;

/// <summary>One recipient a delivery report says did not get the message (yet).</summary>
/// <param name="Address">The address that failed (RFC 3464 Final-Recipient), lower case as reported.</param>
/// <param name="OriginalAddress">The address as first sent to (Original-Recipient), when a forward made them differ.</param>
/// <param name="Status">The enhanced status code (RFC 3463), e.g. 5.1.1; null when the report gives none.</param>
/// <param name="Diagnostic">What the receiving server said, e.g. "550 5.1.1 User unknown"; null when not reported.</param>
/// <param name="Permanent">True when delivery failed for good (5.x.x), false for a delay or a temporary failure.</param>
public sealed record FailedRecipient(string Address, string? OriginalAddress, string? Status, string? Diagnostic, bool Permanent);

/// <summary>
/// A bounce: a mail server's report that an email was not delivered (or is delayed), read from an RFC 3464
/// delivery status notification or, for servers that write prose, from the text of the report.
/// </summary>
/// <param name="Permanent">
/// Whether delivery failed for good: some recipient failed permanently, or, when no recipient could be read,
/// the report's words say so ("This is a permanent error"). A delay or a temporary failure is not permanent.
/// </param>
/// <param name="Recipients">The recipients that failed or are delayed; may be empty when the report names none readably.</param>
/// <param name="OriginalMessageId">
/// The Message-ID (without angle brackets) of the email that bounced, from the returned message or its headers,
/// else from the report's quoted headers or its In-Reply-To; null when the report does not say.
/// </param>
/// <param name="IsDeliveryStatusNotification">True for a standard report (multipart/report; report-type=delivery-status), false for prose.</param>
public sealed record BounceReport(bool Permanent, IReadOnlyList<FailedRecipient> Recipients, string? OriginalMessageId, bool IsDeliveryStatusNotification)
{
    /// <summary>
    /// The report <paramref name="message"/> is, or null when it is not a bounce. Standard reports are read
    /// whoever sent them; prose is taken for a bounce only from a mail server's sender (MAILER-DAEMON,
    /// postmaster, a null Return-Path) in a bounce's words, or with Exim's and Exchange's bounce headers, so
    /// a person forwarding a bounce to ask about it is not one.
    /// </summary>
    public static BounceReport? TryParse(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (DeliveryReports.Report(message) is { } report && string.Equals(report.ReportType, "delivery-status", StringComparison.OrdinalIgnoreCase))
        {
            return DeliveryReports.Read(message, report);
        }
        return TextBounces.IsBounce(message) ? TextBounces.Read(message) : null;
    }
}
