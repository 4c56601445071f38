using MimeKit;
using static Parley.Core.Email.Inbound.Classification.MailHeaders;

namespace Parley.Core.Email.Inbound.Classification;

/// <summary>Reads RFC 3464 delivery status notifications: multipart/report with a message/delivery-status part.</summary>
internal static class DeliveryReports
{
    /// <summary>
    /// The message's multipart/report: its body, or one nested in its multiparts (some gateways wrap reports
    /// in multipart/mixed), but never one inside an attached message, which would be someone else's report.
    /// </summary>
    public static MultipartReport? Report(MimeMessage message) => Find(message.Body);

    public static BounceReport Read(MimeMessage message, MultipartReport report)
    {
        var recipients = new List<FailedRecipient>();
        foreach (var fields in Parts(report).OfType<MessageDeliveryStatus>().SelectMany(s => s.StatusGroups))
        {
            if (Recipient(fields) is { } recipient)
            {
                recipients.Add(recipient);
            }
        }
        var text = BounceText.Of(message);
        // A report whose status part is missing or unreadable still says in its text who failed.
        if (recipients.Count == 0)
        {
            recipients.AddRange(TextBounces.Recipients(message, text));
        }
        var permanent = recipients.Count > 0 ? recipients.Any(r => r.Permanent) : BounceText.SaysPermanent(text);
        return new BounceReport(permanent, recipients, BounceText.OriginalMessageId(message, text), IsDeliveryStatusNotification: true);
    }

    private static FailedRecipient? Recipient(HeaderList fields)
    {
        var final = Address(fields["Final-Recipient"]);
        var original = Address(fields["Original-Recipient"]);
        if ((final ?? original) is not { } address)
        {
            return null;   // the per-message fields (Reporting-MTA, Arrival-Date)
        }
        var action = fields["Action"] is { } a ? Token(a) : "failed";
        // A report may also confirm deliveries (NOTIFY=SUCCESS) or relays to servers that do not report.
        if (action is "delivered" or "relayed" or "expanded")
        {
            return null;
        }
        var diagnostic = Diagnostic(fields["Diagnostic-Code"]);
        var status = BounceText.StatusCode(fields["Status"]) ?? BounceText.StatusCode(diagnostic);
        var permanent = action != "delayed" && BounceText.IsPermanent(status, diagnostic) == true;
        return new FailedRecipient(address, original is not null && original != address ? original : null, status, diagnostic, permanent);
    }

    /// <summary>"rfc822; bob@example.org" → "bob@example.org" (RFC 3464 §2.3.2: address type, then the address).</summary>
    private static string? Address(string? field)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return null;
        }
        var value = field[(field.IndexOf(';', StringComparison.Ordinal) + 1)..].Trim().Trim('<', '>').Trim();
        return BounceText.IsAddress(value) ? value.ToLowerInvariant() : null;
    }

    /// <summary>"smtp; 550 5.1.1 User unknown" → "550 5.1.1 User unknown".</summary>
    private static string? Diagnostic(string? field)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return null;
        }
        // The diagnostic type is one word (smtp, X-Postfix, X-Exim); a semicolon later on is part of the text.
        var semicolon = field.IndexOf(';', StringComparison.Ordinal);
        var typed = semicolon > 0 && semicolon <= 20 && !field[..semicolon].Trim().Contains(' ', StringComparison.Ordinal);
        // Unfolding keeps the continuation lines' indentation; one space reads better for admins.
        var value = string.Join(' ', (typed ? field[(semicolon + 1)..] : field).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return value.Length > 0 ? value : null;
    }

    private static MultipartReport? Find(MimeEntity? entity) => entity switch
    {
        MultipartReport report => report,
        Multipart multipart => multipart.Select(Find).FirstOrDefault(r => r is not null),
        _ => null,
    };

    private static IEnumerable<MimeEntity> Parts(MimeEntity entity) =>
        entity is Multipart multipart ? multipart.SelectMany(Parts).Prepend(entity) : [entity];
}
