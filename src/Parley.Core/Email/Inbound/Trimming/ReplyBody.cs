using System.Text;
using MimeKit;

namespace Parley.Core.Email.Inbound.Trimming;

/// <summary>The text of an email reply: as received, for agents, and trimmed to what the customer just wrote.</summary>
/// <param name="Original">The whole body as text (HTML converted), line endings "\n".</param>
/// <param name="Trimmed">Only the new text; never empty when <paramref name="Original"/> is not.</param>
public sealed record ReplyBody(string Original, string Trimmed)
{
    static ReplyBody()
    {
        // .NET has only the Unicode and Latin-1 charsets built in; mail still arrives in ISO-2022-JP, EUC-KR,
        // ks_c_5601-1987, GB18030, KOI8-R and windows-125x.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>
    /// The body of a parsed email: its text/plain part, or its text/html part converted when there is no
    /// plain one; inline text parts around attachments are joined, attachments themselves are not read.
    /// </summary>
    public static ReplyBody From(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var parts = new List<(string Full, string WithoutHistory)>();
        if (message.Body is { } body)
        {
            Collect(body, parts);
        }

        return Build(parts);
    }

    /// <summary>A plain text body.</summary>
    public static ReplyBody FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = text.ReplaceLineEndings("\n");
        return Build([(normalized, normalized)]);
    }

    /// <summary>An HTML body; its structure tells quoted history apart before the text rules run.</summary>
    public static ReplyBody FromHtml(string html) => Build([HtmlText.Convert(html)]);

    private static ReplyBody Build(List<(string Full, string WithoutHistory)> parts)
    {
        var original = Join(parts.Select(p => p.Full));
        var withoutHistory = Join(parts.Select(p => p.WithoutHistory));
        // When the structure took everything (a reply typed inside the quote), the text rules get the whole.
        var trimmed = string.IsNullOrWhiteSpace(withoutHistory) ? ReplyTrimmer.Trim(original) : ReplyTrimmer.Trim(withoutHistory);
        return new ReplyBody(original.Trim(), trimmed);
    }

    private static void Collect(MimeEntity entity, List<(string Full, string WithoutHistory)> parts)
    {
        switch (entity)
        {
            case MultipartAlternative alternative:
                var preferred = Preferred(alternative);
                if (preferred is not null)
                {
                    Collect(preferred, parts);
                }

                break;
            case MultipartRelated related:
                // The root is the body; the other parts are the images it shows.
                if (related.Root is { } root)
                {
                    Collect(root, parts);
                }

                break;
            case Multipart multipart:
                foreach (var child in multipart)
                {
                    if (!child.IsAttachment)
                    {
                        Collect(child, parts);
                    }
                }

                break;
            case TextPart { IsAttachment: false } text when text.IsPlain:
                var plain = Decode(text);
                plain = text.IsFlowed ? FlowedText.Unflow(plain, DeletesSpace(text)) : plain.ReplaceLineEndings("\n");
                parts.Add((plain, plain));
                break;
            case TextPart { IsAttachment: false } text when text.IsHtml:
                parts.Add(HtmlText.Convert(Decode(text)));
                break;
        }
    }

    /// <summary>Plain text when the alternative has it, else HTML, else the last (richest) part.</summary>
    private static MimeEntity? Preferred(MultipartAlternative alternative)
    {
        MimeEntity? html = null;
        foreach (var part in alternative)
        {
            if (Contains(part, p => p.IsPlain))
            {
                return part;
            }

            html ??= Contains(part, p => p.IsHtml) ? part : null;
        }

        return html ?? alternative.LastOrDefault();
    }

    private static bool Contains(MimeEntity entity, Func<TextPart, bool> kind) => entity switch
    {
        TextPart text => !text.IsAttachment && kind(text),
        MultipartRelated related => related.Root is { } root && Contains(root, kind),
        Multipart multipart => multipart.Any(child => !child.IsAttachment && Contains(child, kind)),
        _ => false,
    };

    /// <summary>
    /// The part's text in its declared charset. MimeKit looks charsets up once per process, so if anything
    /// used MimeKit before the code pages were registered it reads ISO-2022-JP or EUC-KR as Latin-1; decoding
    /// here does not depend on who came first.
    /// </summary>
    internal static string Decode(TextPart part)
    {
        var charset = part.ContentType.Charset?.Trim();
        if (part.Content is null || string.IsNullOrEmpty(charset) || IsBuiltIn(charset))
        {
            return part.Text ?? "";
        }

        Encoding encoding;
        try
        {
            encoding = Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            return part.Text ?? "";
        }

        using var bytes = new MemoryStream();
        part.Content.DecodeTo(bytes);
        return encoding.GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
    }

    private static bool IsBuiltIn(string charset) =>
        charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase)
        || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);

    private static bool DeletesSpace(TextPart text) =>
        string.Equals(text.ContentType.Parameters["delsp"], "yes", StringComparison.OrdinalIgnoreCase);

    private static string Join(IEnumerable<string> texts) =>
        string.Join("\n\n", texts.Select(t => t.Trim('\n')).Where(t => t.Trim().Length > 0));
}
