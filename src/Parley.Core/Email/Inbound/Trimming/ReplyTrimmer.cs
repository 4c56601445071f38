using System.Text;

namespace Parley.Core.Email.Inbound.Trimming;

/// <summary>Keeps only what the customer wrote in an email reply: no quoted history, reply headers or signatures.</summary>
/// <remarks>
/// Rules, in order, line by line (see README.md beside this file):
/// "&gt;" quoted lines never stay; a reply header ("On … wrote:", an Outlook "From:/Sent:" block,
/// "-----Original Message-----") ends the reply unless quoted lines follow it, because then the customer may
/// answer below or between them (bottom posting, inline answers); a "-- " line ends the reply; trailing
/// separators and "Sent from my iPhone" lines go, and so do "[cid:…]" image placeholders. If nothing is left,
/// the whole text is kept.
/// </remarks>
public static class ReplyTrimmer
{
    /// <summary>Only the first million characters are looked at: the new text is at the top, and size stays bounded.</summary>
    public const int MaxTextLength = 1_000_000;

    // Gmail wraps at about 78 characters; a long name and address take three lines at most.
    private const int MaxWrappedLines = 2;

    /// <summary>The new text of a reply, or the whole text (whitespace trimmed) when trimming would leave nothing.</summary>
    public static string Trim(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = Lines(text);
        var kept = new List<string>();
        var gap = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (ReplyLine.IsQuoted(line))
            {
                gap = true;
                continue;
            }

            var header = HeaderLength(lines, i);
            if (header > 0)
            {
                var next = NextNonBlank(lines, i + header);
                if (next < lines.Length && ReplyLine.IsQuoted(lines[next]))
                {
                    // Quoted history follows: what the customer writes after it is still theirs.
                    gap = true;
                    i = next - 1;
                    continue;
                }

                break;
            }

            if (ReplyLine.IsSignatureDelimiter(line) && kept.Exists(k => !ReplyLine.IsBlank(k)))
            {
                break;
            }

            if (ReplyLine.IsImagePlaceholder(line))
            {
                // The image itself is an attachment of the message; its placeholder says nothing.
                continue;
            }

            if (gap)
            {
                // One blank line stands where the quote was.
                if (ReplyLine.IsBlank(line))
                {
                    continue;
                }

                if (kept.Count > 0 && !ReplyLine.IsBlank(kept[^1]))
                {
                    kept.Add("");
                }
            }

            gap = false;
            kept.Add(line.TrimEnd());
        }

        DropTrailingNoise(kept);
        var trimmed = Join(kept);
        return trimmed.Length > 0 ? trimmed : Join(lines);
    }

    /// <summary>How many lines the reply header starting at <paramref name="i"/> takes, or 0.</summary>
    internal static int HeaderLength(string[] lines, int i)
    {
        if (ReplyLine.IsBlank(lines[i]))
        {
            return 0;
        }

        var probe = ReplyLine.Probe(lines[i]);
        if (ReplyLine.IsOriginalMessage(probe) || ReplyLine.IsAttribution(probe))
        {
            return 1;
        }

        var block = OutlookBlockLength(lines, i, probe);
        if (block > 0)
        {
            return block;
        }

        // Clients wrap long attributions ("On Mon, … <\naddress> wrote:"). A wrapped one ends with a colon and
        // starts a paragraph, unless it opens with its own words ("On", "Le", "Am"): then no sentence of the
        // customer's can be part of it.
        var paragraphStart = i == 0 || ReplyLine.IsBlank(lines[i - 1]) || ReplyLine.IsQuoted(lines[i - 1]);
        for (var k = 1; k <= MaxWrappedLines && i + k < lines.Length; k++)
        {
            if (ReplyLine.IsBlank(lines[i + k]) || ReplyLine.IsQuoted(lines[i + k]))
            {
                return 0;
            }

            if (!ReplyLine.EndsWithColon(ReplyLine.Probe(lines[i + k])))
            {
                continue;
            }

            var joined = ReplyLine.Probe(string.Join(' ', lines[i..(i + k + 1)]));
            if (ReplyLine.EndsWithColon(joined) && ReplyLine.IsAttribution(joined, leadingWordsOnly: !paragraphStart))
            {
                return k + 1;
            }
        }

        return 0;
    }

    /// <summary>A "From:" line followed, before a blank line, by at least two more header fields.</summary>
    private static int OutlookBlockLength(string[] lines, int i, string probe)
    {
        if (!ReplyLine.IsFromLabel(probe))
        {
            return 0;
        }

        var fields = 0;
        var last = i;
        for (var j = i + 1; j < lines.Length && j <= i + 8 && !ReplyLine.IsBlank(lines[j]); j++)
        {
            if (ReplyLine.IsFieldLabel(ReplyLine.Probe(lines[j])))
            {
                fields++;
                last = j;
            }
        }

        return fields >= 2 ? last - i + 1 : 0;
    }

    private static void DropTrailingNoise(List<string> kept)
    {
        while (kept.Count > 0 && (ReplyLine.IsBlank(kept[^1]) || ReplyLine.IsSeparator(kept[^1]) || ReplyLine.IsSentFrom(kept[^1])))
        {
            kept.RemoveAt(kept.Count - 1);
        }
    }

    private static int NextNonBlank(string[] lines, int from)
    {
        while (from < lines.Length && ReplyLine.IsBlank(lines[from]))
        {
            from++;
        }

        return from;
    }

    private static string[] Lines(string text)
    {
        if (text.Length > MaxTextLength)
        {
            var end = text.LastIndexOf('\n', MaxTextLength - 1);
            text = text[..(end > 0 ? end : MaxTextLength)];
        }

        return text.ReplaceLineEndings("\n").Split('\n');
    }

    /// <summary>The lines as one text, without blank lines at either end.</summary>
    private static string Join(IReadOnlyList<string> lines)
    {
        var start = 0;
        var end = lines.Count;
        while (start < end && ReplyLine.IsBlank(lines[start]))
        {
            start++;
        }

        while (end > start && ReplyLine.IsBlank(lines[end - 1]))
        {
            end--;
        }

        var text = new StringBuilder();
        for (var i = start; i < end; i++)
        {
            text.Append(lines[i].TrimEnd()).Append('\n');
        }

        return text.ToString().TrimEnd('\n').Trim();
    }
}
