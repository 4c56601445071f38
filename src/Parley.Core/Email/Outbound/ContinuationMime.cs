using MimeKit;

namespace Parley.Core.Email.Outbound;

/// <summary>
/// Turns a rendered continuation email and its envelope into a MIME message: multipart/alternative text and HTML,
/// threading headers, one-click unsubscribe (RFC 8058), auto-submitted marks (RFC 3834) and optional DKIM.
/// </summary>
public static class ContinuationMime
{
    /// <summary>At most this many ids in References: the thread root and the most recent earlier emails.</summary>
    internal const int MaxReferences = 20;

    /// <summary>The headers a DKIM signature covers.</summary>
    internal static readonly string[] SignedHeaders =
    [
        "From", "To", "Subject", "Date", "Message-ID", "Reply-To", "List-Unsubscribe", "List-Unsubscribe-Post", "MIME-Version", "Content-Type",
    ];

    public static MimeMessage Build(RenderedEmail email, EmailEnvelope envelope, DkimSettings? dkim = null)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(envelope);
        // Parse the key before composing anything, so a bad one fails the same way every time.
        var signer = dkim is null ? null : DkimKeys.Signer(dkim);

        var messageId = Id(envelope.MessageId, nameof(envelope.MessageId));
        var root = Id(envelope.ThreadRootId, nameof(envelope.ThreadRootId));
        var earlier = envelope.EarlierMessageIds.Select(i => Id(i, nameof(envelope.EarlierMessageIds)))
            .Where(i => i != root && i != messageId).ToList();

        var message = new MimeMessage
        {
            Subject = email.Subject,
            Date = envelope.Date,
            MessageId = messageId,
            // The newest earlier email is the parent; the first email answers the thread root.
            InReplyTo = earlier.Count > 0 ? earlier[^1] : root,
        };
        message.From.Add(envelope.From);
        message.To.Add(envelope.To);
        message.ReplyTo.Add(envelope.ReplyTo);
        message.References.Add(root);
        foreach (var id in earlier.TakeLast(MaxReferences - 1))
        {
            message.References.Add(id);
        }
        message.Headers.Add(HeaderId.ListUnsubscribe, $"<{Unsubscribe(envelope.UnsubscribeUrl)}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        // Out-of-office replies and auto-responders must not answer (RFC 3834; the second is Exchange's own).
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Auto-Response-Suppress", "All");
        message.Headers.Add(HeaderId.ContentLanguage, email.Language);
        message.Body = new BodyBuilder { TextBody = CrLf(email.TextBody), HtmlBody = CrLf(email.HtmlBody) }.ToMessageBody();

        // Fix the transfer encodings now (quoted-printable or base64, as MimeKit judges best for 7-bit transport):
        // a signature must cover the body as it will be sent, and no relay then needs to re-encode it.
        message.Prepare(EncodingConstraint.SevenBit);
        signer?.Sign(message, SignedHeaders);
        return message;
    }

    private static string Id(string id, string name)
    {
        var bare = (id ?? "").Trim().TrimStart('<').TrimEnd('>').Trim();
        return bare.Length > 0 && bare.Contains('@', StringComparison.Ordinal) && !bare.Any(c => char.IsWhiteSpace(c) || c is '<' or '>')
            ? bare
            : throw new ArgumentException($"{name} must be a message id such as abc@support.example.com, not \"{id}\".", name);
    }

    private static string Unsubscribe(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri
            : throw new ArgumentException("UnsubscribeUrl must be an absolute http or https URL (RFC 8058 one-click unsubscribe).", nameof(url));

    // Text in MIME has CRLF line ends in its canonical form; rendered bodies use \n.
    private static string CrLf(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
}
