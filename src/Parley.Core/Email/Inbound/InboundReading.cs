using MimeKit;

namespace Parley.Core.Email.Inbound;

/// <summary>A delivery failure report, as far as the pipeline needs it.</summary>
public sealed record BounceFacts(bool Permanent, IReadOnlyList<string> Recipients, string? Status, string? Diagnostic, string? OriginalMessageId);

/// <summary>
/// What the pipeline reads from a parsed email: whether it is automatic or a bounce, its body, and the
/// marks that name a conversation. One seam over the classification and trimming code.
/// </summary>
public static class InboundReading
{
    public static string? AutomaticReason(MimeMessage m)
    {
        var auto = m.Headers[HeaderId.AutoSubmitted];
        if (auto is { Length: > 0 } && !auto.Trim().Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            return $"Auto-Submitted: {auto.Trim()}";
        }
        var precedence = m.Headers["Precedence"]?.Trim().ToLowerInvariant();
        return precedence is "bulk" or "junk" or "list" or "auto_reply" ? $"Precedence: {precedence}" : null;
    }

    public static BounceFacts? Bounce(MimeMessage m) =>
        m.Body is MultipartReport { ReportType: var type } && string.Equals(type, "delivery-status", StringComparison.OrdinalIgnoreCase)
            ? new BounceFacts(true, [], null, null, null)
            : null;

    public static (string Original, string Trimmed) Body(MimeMessage m)
    {
        var text = m.TextBody ?? m.HtmlBody ?? "";
        var cut = text.IndexOf("\n>", StringComparison.Ordinal);
        return (text, (cut >= 0 ? text[..cut] : text).Trim());
    }

    /// <summary>What Parley keeps of a plain-text reply body.</summary>
    public static string TrimText(string text)
    {
        var cut = text.IndexOf("\n>", StringComparison.Ordinal);
        return (cut >= 0 ? text[..cut] : text).Trim();
    }

    public static string? ReplyToken(MimeMessage m, IReadOnlyCollection<string> supportAddresses)
    {
        foreach (var address in m.To.Mailboxes.Concat(m.Cc.Mailboxes).Select(a => a.Address.ToLowerInvariant()))
        {
            var plus = address.IndexOf('+');
            var at = address.LastIndexOf('@');
            if (plus > 0 && at > plus && supportAddresses.Contains(address[..plus] + address[at..]))
            {
                return address[(plus + 1)..at];
            }
        }
        return null;
    }

    /// <summary>Conversation and email ids named by In-Reply-To (first) and References (newest first).</summary>
    public static IReadOnlyList<(string Header, string MessageId)> ThreadIds(MimeMessage m) =>
        [.. (m.InReplyTo is { } r ? new[] { ("in-reply-to", r) } : []).Concat(m.References.Reverse().Select(x => ("references", x)))];

    public static bool SameMailbox(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
