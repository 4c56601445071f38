using System.Text;

namespace Parley.Core.Email.Inbound.Trimming;

/// <summary>Drops the start and end tags that would nest elements deeper than <see cref="MaxDepth"/>.</summary>
/// <remarks>
/// The HTML parser scans its stack of open elements for many tags, so a megabyte of "&lt;div&gt;&lt;p&gt;x"
/// takes minutes; no real email nests this deep. The estimate errs high: it only closes what a parser surely
/// closes, and it never counts elements that close themselves (&lt;p&gt;, &lt;li&gt;, &lt;td&gt;…). Text is kept.
/// </remarks>
internal static class HtmlDepthLimiter
{
    public const int MaxDepth = 64;

    private static readonly HashSet<string> Void = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        // Closed by the next one of their kind or by their parent: the parser's stack does not grow with them.
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "colgroup", "caption",
        "rb", "rt", "rtc", "rp", "html", "head", "body",
    };

    private static readonly HashSet<string> RawText = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
    };

    // The adoption agency moves these around instead of closing them: an end tag that is not the innermost
    // open element may leave the parser's stack as deep as before.
    private static readonly HashSet<string> Formatting = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
    };

    // An end tag does not close elements above one of these on the parser's stack ("in scope").
    private static readonly HashSet<string> ScopeBoundary = new(StringComparer.OrdinalIgnoreCase)
    {
        "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
    };

    public static string Limit(string html)
    {
        var open = new List<string>();
        var dropped = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        StringBuilder? output = null;
        var copied = 0;
        var i = 0;
        while ((i = html.IndexOf('<', i)) >= 0)
        {
            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                var close = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = close < 0 ? html.Length : close + 3;
                continue;
            }

            var isEnd = i + 1 < html.Length && html[i + 1] == '/';
            var nameStart = i + (isEnd ? 2 : 1);
            var nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or ':'))
            {
                nameEnd++;
            }

            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
            {
                i++;
                continue;
            }

            var name = html[nameStart..nameEnd];
            var tagEnd = TagEnd(html, nameEnd);
            var drop = isEnd ? End(name, open, dropped) : Start(name, html, tagEnd, open, dropped);
            if (drop)
            {
                output ??= new StringBuilder(html.Length);
                output.Append(html, copied, i - copied);
                copied = tagEnd;
            }

            i = !isEnd && RawText.Contains(name) ? RawTextEnd(html, tagEnd, name) : tagEnd;
        }

        return output is null ? html : output.Append(html, copied, html.Length - copied).ToString();
    }

    private static bool Start(string name, string html, int tagEnd, List<string> open, Dictionary<string, int> dropped)
    {
        if (Void.Contains(name) || RawText.Contains(name) || (tagEnd >= 2 && html[tagEnd - 2] == '/'))
        {
            return false;
        }

        if (open.Count < MaxDepth)
        {
            open.Add(name);
            return false;
        }

        dropped[name] = dropped.GetValueOrDefault(name) + 1;
        return true;
    }

    private static bool End(string name, List<string> open, Dictionary<string, int> dropped)
    {
        if (dropped.TryGetValue(name, out var count) && count > 0)
        {
            dropped[name] = count - 1;
            return true;
        }

        if (open.Count > 0 && string.Equals(open[^1], name, StringComparison.OrdinalIgnoreCase))
        {
            open.RemoveAt(open.Count - 1);
        }
        else if (!Formatting.Contains(name))
        {
            for (var k = open.Count - 1; k >= 0 && !ScopeBoundary.Contains(open[k]); k--)
            {
                if (string.Equals(open[k], name, StringComparison.OrdinalIgnoreCase))
                {
                    open.RemoveRange(k, open.Count - k);
                    break;
                }
            }
        }

        return false;
    }

    /// <summary>The index after the tag's "&gt;", skipping quoted attribute values.</summary>
    private static int TagEnd(string html, int from)
    {
        var quote = '\0';
        var afterEquals = false;
        for (var i = from; i < html.Length; i++)
        {
            var c = html[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'' && afterEquals)
            {
                // Only a value opens with a quote, as in the parser: in class=a'b the quote is just a character.
                quote = c;
            }
            else if (c == '>')
            {
                return i + 1;
            }

            afterEquals = c == '=' || (afterEquals && char.IsWhiteSpace(c));
        }

        return html.Length;
    }

    private static int RawTextEnd(string html, int from, string name)
    {
        var close = html.IndexOf("</" + name, from, StringComparison.OrdinalIgnoreCase);
        return close < 0 ? html.Length : close;
    }
}
