using MimeKit;
using Parley.Core.Email.Inbound.Addressing;
using Parley.Core.Email.Inbound.Classification;
using Parley.Core.Email.Inbound.Trimming;

namespace Parley.Core.Email.Inbound;

/// <summary>A delivery failure report, as far as the pipeline needs it.</summary>
public sealed record BounceFacts(bool Permanent, IReadOnlyList<string> Recipients, string? Status, string? Diagnostic, string? OriginalMessageId);

/// <summary>
/// What the pipeline reads from a parsed email: whether it is a bounce or automatic, its body, and the
/// marks that name a conversation. One seam over the classification, addressing and trimming code.
/// </summary>
public static class InboundReading
{
    public static string? AutomaticReason(MimeMessage m) => AutomaticReplies.Detect(m)?.Reason;

    public static BounceFacts? Bounce(MimeMessage m)
    {
        if (BounceReport.TryParse(m) is not { } report)
        {
            return null;
        }
        var first = report.Recipients.FirstOrDefault(r => r.Permanent == report.Permanent) ?? report.Recipients.FirstOrDefault();
        return new BounceFacts(report.Permanent, [.. report.Recipients.Select(r => r.Address)], first?.Status, first?.Diagnostic, report.OriginalMessageId);
    }

    public static (string Original, string Trimmed) Body(MimeMessage m)
    {
        var body = ReplyBody.From(m);
        return (body.Original, body.Trimmed);
    }

    /// <summary>What Parley keeps of a plain-text reply body.</summary>
    public static string TrimText(string text) => ReplyTrimmer.Trim(text);

    public static string? ReplyToken(MimeMessage m, IReadOnlyCollection<string> supportAddresses) => ReplyTokens.Find(m, supportAddresses);

    /// <summary>Parley's Message-IDs the email answers, most direct first, each with the header that named it.</summary>
    public static IReadOnlyList<(string Header, ParleyMessageId Id)> ThreadIds(MimeMessage m, IReadOnlyCollection<string> domains)
    {
        var inReplyTo = m.Headers[HeaderId.InReplyTo] ?? "";
        return [.. ParleyMessageIds.Find(m, domains).Select(id => (Named(inReplyTo, id) ? "in-reply-to" : "references", id))];
    }

    public static bool SameMailbox(string a, string b) => EmailAddresses.SameMailbox(a, b);

    private static bool Named(string header, ParleyMessageId id) =>
        header.Contains(id.Id.ToString("N"), StringComparison.OrdinalIgnoreCase);
}
