using AngleSharp.Dom;

namespace Parley.Core.Email.Inbound.Trimming;

/// <summary>Finds quoted history in HTML by the structure mail clients give it, the surest signal there is.</summary>
/// <remarks>
/// Blockquotes stay, rendered as "&gt;" lines, so that <see cref="ReplyTrimmer"/> can keep answers written
/// between them (Gmail and Thunderbird inline replies put those inside the quote's container).
/// </remarks>
internal static class HtmlHistory
{
    // Removed with everything in them: attribution lines, Yahoo's whole quote, signatures.
    private const string Removed =
        ".gmail_attr, .moz-cite-prefix, .yahoo_quoted, .protonmail_quote, .gmail_signature, .gmail_signature_prefix, " +
        "[data-smartmail=gmail_signature], .moz-signature, #Signature, #ms-outlook-mobile-signature";

    // Removed with everything after them: Outlook puts its header, then the quoted email, after the reply.
    private const string HistoryStarts =
        "#appendonsend, #divRplyFwdMsg, #OutlookMessageHeader, .OutlookMessageHeader, #OLK_SRC_BODY_SECTION, " +
        "#mail-editor-reference-message-container, hr#stopSpelling";

    public static void Remove(IDocument document)
    {
        foreach (var element in document.QuerySelectorAll(Removed).ToList())
        {
            element.Remove();
        }

        var start = document.QuerySelector(HistoryStarts);
        var desktop = document.QuerySelectorAll("div[style]").FirstOrDefault(IsOutlookDesktopHeader);
        if (desktop is not null && (start is null || desktop.CompareDocumentPosition(start).HasFlag(DocumentPositions.Following)))
        {
            start = desktop;
        }

        if (start is not null)
        {
            RemoveFrom(start, document.Body);
        }
    }

    /// <summary>A blockquote that quotes; Gmail's indent button writes one with no border, which is the customer's text.</summary>
    public static bool IsQuote(IElement blockquote)
    {
        if (blockquote.GetAttribute("type") is { } type && type.Equals("cite", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var style = blockquote.GetAttribute("style")?.Replace(" ", "", StringComparison.Ordinal);
        return blockquote.ClassList.Contains("gmail_quote") || style is null || !style.Contains("border:none", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Outlook for Windows: a div with a thin top border whose text starts with "From:" in some language.</summary>
    private static bool IsOutlookDesktopHeader(IElement div)
    {
        var style = div.GetAttribute("style")?.Replace(" ", "", StringComparison.Ordinal) ?? "";
        if (!style.Contains("border-top:solid", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var text = div.TextContent;
        var start = ReplyLine.Probe(text.Length > 300 ? text[..300] : text);
        return ReplyPatterns.FromLabel.IsMatch(start);
    }

    /// <summary>Removes the element and everything after it in document order, up to the body.</summary>
    private static void RemoveFrom(IElement start, IElement? body)
    {
        INode? node = start;
        while (node?.Parent is { } parent && node != body)
        {
            var siblings = parent.ChildNodes;
            var index = siblings.Index(node);
            for (var last = siblings.Length - 1; last > index; last--)
            {
                parent.RemoveChild(siblings[last]);
            }

            node = parent;
        }

        start.Remove();
    }
}
