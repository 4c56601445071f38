using System.Text.RegularExpressions;
using MimeKit;
using Parley.Core.Email.Inbound.Addressing;
using static Parley.Core.Email.Inbound.Classification.MailHeaders;

namespace Parley.Core.Email.Inbound.Classification;

/// <summary>
/// Bounces that servers write as prose instead of RFC 3464: qmail, Yahoo, Exim's classic form, Gmail's older
/// one, Sendmail and Exchange without a status part. Reads who failed and why from the report text.
/// </summary>
internal static class TextBounces
{
    private const RegexOptions Safe = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

    /// <summary>"Your message to bob@example.org couldn't be delivered." (Office 365), "wasn't delivered to bob@…" (Gmail).</summary>
    private static readonly Regex Sentence = new(
        @"(?:message to <?([^\s<>()]+@[^\s<>()]+[a-z0-9])>? (?:couldn't|could not|can't|cannot|wasn't|was not) be delivered)" +
        @"|(?:(?:wasn't|was not|couldn't be|could not be|has not been) delivered to <?([^\s<>()]+@[^\s<>()]+[a-z0-9])>?)", Safe);

    private static readonly string[] SubjectWords =
    [
        "undelivered mail", "undeliverable", "mail delivery failed", "delivery status notification", "failure notice",
        "returned mail", "delivery failure", "delivery failed", "delivery has failed", "delivery delayed", "delayed mail",
        "mail delivery system", "nondeliverable", "non-deliverable", "delivery notification", "warning: message",
    ];

    private static readonly string[] BodyWords =
    [
        "could not be delivered", "couldn't be delivered", "wasn't delivered", "was not delivered", "not yet been delivered",
        "delivery to the following recipient", "delivery has failed", "delivery has been delayed", "unable to deliver",
        "permanent error", "permanent failure", "failed permanently", "qmail-send program", "mail delivery software",
        "returned to sender", "undeliverable", "the following address(es) failed", "the following addresses had permanent fatal errors",
    ];

    /// <summary>Exim's and Exchange's bounce headers, or a mail server's sender writing a bounce's words.</summary>
    public static bool IsBounce(MimeMessage message)
    {
        if (BounceHeader(message) is not null)
        {
            return true;
        }
        if (!SenderLocalParts(message).Any(IsMailSystem) && !HasNullSender(message))
        {
            return false;
        }
        var subject = message.Subject ?? "";
        var report = BounceText.Split(BounceText.Of(message)).Report;
        return SubjectWords.Any(w => subject.Contains(w, StringComparison.OrdinalIgnoreCase)) ||
            BodyWords.Any(w => report.Contains(w, StringComparison.OrdinalIgnoreCase));
    }

    public static BounceReport Read(MimeMessage message)
    {
        var text = BounceText.Of(message);
        var recipients = Recipients(message, text);
        var permanent = recipients.Count > 0 ? recipients.Any(r => r.Permanent) : BounceText.SaysPermanent(text);
        return new BounceReport(permanent, recipients, BounceText.OriginalMessageId(message, text), IsDeliveryStatusNotification: false);
    }

    /// <summary>
    /// The recipients a prose report names: X-Failed-Recipients, lines that hold only an address ("&lt;bob@x&gt;:"
    /// in qmail and Yahoo, "  bob@x" in Exim and Gmail) with the lines under them as the diagnostic, and
    /// Office 365's and Gmail's sentences. Only the report is read, not the returned copy, and the report's
    /// own sender and recipient are left out.
    /// </summary>
    public static List<FailedRecipient> Recipients(MimeMessage message, string text)
    {
        var (report, _) = BounceText.Split(text);
        var ours = message.To.Mailboxes.Concat(message.From.Mailboxes).Select(m => EmailAddresses.Normalize(m.Address)).ToHashSet(StringComparer.Ordinal);
        var found = new List<(string Address, string? Diagnostic)>();
        void Add(string address, string? diagnostic)
        {
            var lower = address.ToLowerInvariant();
            if (found.All(f => f.Address != lower) && BounceText.IsAddress(lower) && !ours.Contains(EmailAddresses.Normalize(lower)))
            {
                found.Add((lower, diagnostic));
            }
        }

        var lines = report.Split('\n').Select(l => l.Trim()).ToArray();
        for (var i = 0; i < lines.Length; i++)
        {
            if (AddressLine(lines[i]) is not var (address, rest))
            {
                continue;
            }
            // The diagnostic is the rest of the line and the lines under it, up to a blank line or the next address.
            var diagnostic = new List<string>();
            if (rest.Length > 0)
            {
                diagnostic.Add(rest);
            }
            for (var j = i + 1; j < lines.Length && j <= i + 8 && lines[j].Length > 0 && AddressLine(lines[j]) is null; j++)
            {
                diagnostic.Add(lines[j]);
            }
            Add(address, diagnostic.Count > 0 ? string.Join(" ", diagnostic) : null);
        }
        foreach (Match match in Sentence.Matches(report))
        {
            Add(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value, null);
        }
        if (Value(message, "X-Failed-Recipients") is { } failed)
        {
            foreach (var address in failed.Split([',', ' ', '\t', ';'], StringSplitOptions.RemoveEmptyEntries))
            {
                Add(address.Trim('<', '>'), null);
            }
        }

        // A report about one recipient often gives the server's reply elsewhere in the text ("The error that the
        // other server returned was: 550 5.1.1 …"), or none but its words ("This is a permanent error").
        var reportCode = found.Count == 1 ? ReplyLine(report) : null;
        var saysPermanent = BounceText.SaysPermanent(text);
        return [.. found.Select(f =>
        {
            var diagnostic = f.Diagnostic ?? reportCode;
            var status = BounceText.StatusCode(diagnostic);
            return new FailedRecipient(f.Address, null, status, diagnostic, BounceText.IsPermanent(status, diagnostic) ?? saysPermanent);
        })];
    }

    /// <summary>A line that starts with the address it is about: "&lt;bob@x&gt;: …", "&lt;bob@x&gt;", "bob@x" or "bob@x:".</summary>
    private static (string Address, string After)? AddressLine(string line)
    {
        if (line.StartsWith('<') && line.IndexOf('>', StringComparison.Ordinal) is var close and > 1)
        {
            var rest = line[(close + 1)..].TrimStart(':', ' ', '\t');
            var address = line[1..close];
            // "<bob@x>: host said …" names its address; "<bob@x> said something" is a sentence.
            return BounceText.IsAddress(address) && (close + 1 == line.Length || line[close + 1] == ':') ? (address, rest) : null;
        }
        var bare = line.TrimEnd(':');
        return BounceText.IsAddress(bare) ? (bare, "") : null;
    }

    /// <summary>The first line of the report that carries an SMTP reply or status code.</summary>
    private static string? ReplyLine(string report) =>
        report.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => BounceText.StatusCode(l) is not null);
}
