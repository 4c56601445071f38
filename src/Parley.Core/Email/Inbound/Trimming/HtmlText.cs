using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Parley.Core.Email.Inbound.Trimming;

/// <summary>Turns the HTML of an email into the text a reader sees, with blockquotes as "&gt;" lines.</summary>
/// <remarks>
/// AngleSharp parses as a browser would, without scripts or network. Only text comes out: scripts, styles,
/// the head, hidden elements and images never do, so nothing in the HTML can act on what reads the text.
/// </remarks>
internal static class HtmlText
{
    /// <summary>HTML past this many characters is not read: the new text is at the top and parsing is bounded.</summary>
    public const int MaxHtmlLength = 1_000_000;

    // Deeper lists are still shown as lists, without every line growing by two spaces a level.
    private const int MaxListIndent = 8;

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "head", "title", "template", "noscript", "svg", "math", "object", "embed", "iframe", "frame",
        "frameset", "applet", "audio", "video", "canvas", "map", "meta", "link", "base", "input", "select", "textarea",
        "img", "picture", "source", "track",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "center", "dd", "details", "dialog", "dir", "div", "dt", "fieldset", "figcaption",
        "footer", "form", "header", "hgroup", "li", "main", "menu", "nav", "section", "summary", "tr", "caption",
    };

    private static readonly HashSet<string> Paragraphs = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "pre", "hr", "dl", "figure",
    };

    /// <summary>The text of the whole HTML, and the text without what <see cref="HtmlHistory"/> recognises as history.</summary>
    public static (string Full, string WithoutHistory) Convert(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var document = Parse(html);
        var full = Render(document);
        HtmlHistory.Remove(document);
        return (full, Render(document));
    }

    internal static IDocument Parse(string html)
    {
        if (html.Length > MaxHtmlLength)
        {
            var end = char.IsHighSurrogate(html[MaxHtmlLength - 1]) ? MaxHtmlLength - 1 : MaxHtmlLength;
            html = html[..end];
        }

        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false, SkipComments = true });
        return parser.ParseDocument(HtmlDepthLimiter.Limit(html));
    }

    internal static string Render(IDocument document)
    {
        var writer = new HtmlTextWriter();
        var lists = new Stack<int>();
        // An explicit stack: the depth limit keeps documents shallow, but recursion would still cost a frame per element.
        var stack = new Stack<(INode Node, bool Exit)>();
        stack.Push((document.Body ?? (INode)document, false));
        while (stack.Count > 0)
        {
            var (node, exit) = stack.Pop();
            if (node is IText text)
            {
                writer.Text(text.Data);
                continue;
            }

            if (node is not IElement element)
            {
                PushChildren(stack, node);
                continue;
            }

            if (exit)
            {
                Exit(element, writer, lists);
                continue;
            }

            if (Skipped.Contains(element.LocalName) || IsHidden(element))
            {
                continue;
            }

            Enter(element, writer, lists);
            stack.Push((element, true));
            PushChildren(stack, element);
        }

        return writer.ToString();
    }

    private static void Enter(IElement element, HtmlTextWriter writer, Stack<int> lists)
    {
        switch (element.LocalName)
        {
            case "br":
                writer.LineBreak();
                break;
            case "blockquote" when HtmlHistory.IsQuote(element):
                writer.EnterQuote();
                break;
            case "ul" or "ol":
                if (lists.Count == 0)
                {
                    writer.Paragraph();
                }

                lists.Push(element.LocalName == "ol" ? Math.Max(1, Start(element)) : 0);
                break;
            case "li":
                writer.Block();
                ListMarker(writer, lists);
                break;
            case "pre":
                writer.Paragraph();
                writer.PreDepth++;
                break;
            case "a":
                writer.StartLink();
                break;
            case "td" or "th":
                writer.Text(" ");
                break;
            default:
                Boundary(element, writer);
                break;
        }
    }

    private static void Exit(IElement element, HtmlTextWriter writer, Stack<int> lists)
    {
        switch (element.LocalName)
        {
            case "blockquote" when HtmlHistory.IsQuote(element):
                writer.ExitQuote();
                break;
            case "ul" or "ol":
                lists.Pop();
                writer.Block();
                if (lists.Count == 0)
                {
                    writer.Paragraph();
                }

                break;
            case "pre":
                writer.PreDepth--;
                writer.Paragraph();
                break;
            case "a":
                var address = LinkAddress(element, writer.EndLink());
                if (address is not null)
                {
                    writer.Text(" (" + address + ")");
                }

                break;
            case "td" or "th":
                writer.Text(" ");
                break;
            default:
                Boundary(element, writer);
                break;
        }
    }

    private static void Boundary(IElement element, HtmlTextWriter writer)
    {
        // Outlook writes every line as <p class=MsoNormal>, with empty ones for blank lines.
        if (element.LocalName == "p" && element.ClassList.Contains("MsoNormal"))
        {
            if (string.IsNullOrWhiteSpace(element.TextContent.Replace('\u00A0', ' ')))
            {
                writer.Paragraph();
            }
            else
            {
                writer.Block();
            }
        }
        else if (Paragraphs.Contains(element.LocalName) || element.LocalName == "blockquote")
        {
            writer.Paragraph();
        }
        else if (Blocks.Contains(element.LocalName))
        {
            writer.Block();
        }
    }

    private static void ListMarker(HtmlTextWriter writer, Stack<int> lists)
    {
        var indent = new string(' ', 2 * Math.Clamp(lists.Count - 1, 0, MaxListIndent));
        if (lists.Count > 0 && lists.Peek() > 0)
        {
            var number = lists.Pop();
            lists.Push(number + 1);
            writer.Raw(indent + number + ". ");
        }
        else
        {
            writer.Raw(indent + "- ");
        }
    }

    private static int Start(IElement list) => int.TryParse(list.GetAttribute("start"), out var start) ? start : 1;

    /// <summary>A link's web or mail address when its text does not already say it; never other schemes.</summary>
    private static string? LinkAddress(IElement link, string text)
    {
        var href = link.GetAttribute("href")?.Trim();
        if (string.IsNullOrEmpty(href) || text.Length == 0)
        {
            return null;
        }

        if (href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            var address = Uri.UnescapeDataString(href[7..].Split('?')[0]);
            return string.Equals(address, text, StringComparison.OrdinalIgnoreCase) ? null : address;
        }

        if (!href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !href.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var bare = href.Split("://", 2)[1].TrimEnd('/');
        return string.Equals(href, text, StringComparison.OrdinalIgnoreCase) || string.Equals(bare, text.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
            ? null
            : href;
    }

    private static bool IsHidden(IElement element)
    {
        if (element.HasAttribute("hidden"))
        {
            return true;
        }

        var style = element.GetAttribute("style");
        if (string.IsNullOrEmpty(style))
        {
            return false;
        }

        var compact = style.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        return compact.Contains("display:none", StringComparison.Ordinal) || compact.Contains("visibility:hidden", StringComparison.Ordinal)
            || compact.Contains("mso-hide:all", StringComparison.Ordinal);
    }

    private static void PushChildren(Stack<(INode Node, bool Exit)> stack, INode node)
    {
        // By index: AngleSharp finds a sibling by searching the parent's children, which is quadratic here.
        var children = node.ChildNodes;
        for (var i = children.Length - 1; i >= 0; i--)
        {
            stack.Push((children[i], false));
        }
    }
}
