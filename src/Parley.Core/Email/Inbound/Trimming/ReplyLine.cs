using System.Text;

namespace Parley.Core.Email.Inbound.Trimming;

/// <summary>What one line of a reply is: blank, quoted, a marker of quoted history or a signature.</summary>
internal static class ReplyLine
{
    /// <summary>No reply header is longer; longer lines are text, and skipping them keeps huge inputs fast.</summary>
    public const int MaxHeaderLength = 500;

    public static bool IsBlank(string line) => string.IsNullOrWhiteSpace(Clean(line));

    /// <summary>A line of quoted history: "> text", ">> text", " > text".</summary>
    public static bool IsQuoted(string line) => line.AsSpan().TrimStart(" \t\u00A0\uFEFF\u200B").StartsWith(">");

    /// <summary>The "-- " line that starts a signature (RFC 3676 §4.3); clients that trim spaces send "--".</summary>
    public static bool IsSignatureDelimiter(string line) => line.TrimEnd('\r') is "-- " or "--";

    public static bool IsImagePlaceholder(string line)
    {
        var probe = Probe(line);
        return probe.StartsWith("[cid:", StringComparison.OrdinalIgnoreCase) && probe.Length <= MaxHeaderLength && ReplyPatterns.ImagePlaceholder.IsMatch(probe);
    }

    public static bool IsSeparator(string line) => ReplyPatterns.Separator.IsMatch(Probe(line));

    public static bool IsSentFrom(string line)
    {
        // Outlook's text part writes its link as "Get Outlook for Android<https://aka.ms/…>".
        var probe = Probe(line);
        var link = probe.LastIndexOfAny(['<', '(']);
        if (link > 0 && probe.EndsWith(probe[link] == '<' ? '>' : ')') && probe.AsSpan(link + 1).StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            probe = probe[..link].TrimEnd();
        }

        return probe.Length <= MaxHeaderLength && ReplyPatterns.SentFrom.IsMatch(probe);
    }

    /// <summary>An "On … wrote:" attribution, already joined if the client wrapped it.</summary>
    // The cheap tests first: every attribution ends with a colon, and most lines do not.
    public static bool IsAttribution(string probe, bool leadingWordsOnly = false) =>
        EndsWithColon(probe) && probe.Length <= MaxHeaderLength && ReplyPatterns.DateOrAddress.IsMatch(probe)
        && (leadingWordsOnly ? ReplyPatterns.LeadingAttribution : ReplyPatterns.Attribution).IsMatch(probe);

    public static bool IsOriginalMessage(string probe) =>
        probe.Length is > 4 and <= MaxHeaderLength && probe[^1] is '-' or '—' or '–' or '_' or '=' or '~' or '*'
        && ReplyPatterns.OriginalMessage.IsMatch(probe);

    public static bool IsFromLabel(string probe) =>
        probe.Length <= MaxHeaderLength && probe.AsSpan().IndexOfAny(':', '：') > 0 && ReplyPatterns.FromLabel.IsMatch(probe);

    public static bool IsFieldLabel(string probe) =>
        probe.Length <= MaxHeaderLength && probe.AsSpan().IndexOfAny(':', '：') > 0 && ReplyPatterns.FieldLabel.IsMatch(probe);

    public static bool EndsWithColon(string probe) => probe.EndsWith(':') || probe.EndsWith('：');

    /// <summary>
    /// The line as patterns see it: without quote markers, direction and zero-width marks (Gmail wraps names in
    /// Arabic and Hebrew headers in them), with every kind of space as one space and "&lt; address &gt;" closed up
    /// (Gmail breaks long headers right after the "&lt;").
    /// </summary>
    public static string Probe(string line)
    {
        var text = line.AsSpan().Trim();
        while (text.Length > 0 && (text[0] == '>' || IsSpace(text[0]) || IsInvisible(text[0])))
        {
            text = text[1..];
        }

        if (text.Length > MaxHeaderLength * 2)
        {
            text = text[..(MaxHeaderLength * 2)];
        }

        var probe = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (IsInvisible(c))
            {
                continue;
            }

            var next = IsSpace(c) ? ' ' : c;
            if (next == ' ' && (probe.Length == 0 || probe[^1] is ' ' or '<' or '('))
            {
                continue;
            }

            if (next is '>' or ')' && probe.Length > 0 && probe[^1] == ' ')
            {
                probe.Length--;
            }

            probe.Append(next);
        }

        return probe.ToString().TrimEnd();
    }

    /// <summary>The line without the marks <see cref="Probe"/> drops, for blank tests.</summary>
    private static string Clean(string line) => line.Contains('\u200B') || line.Contains('\uFEFF') || line.Contains('\u200E') || line.Contains('\u200F')
        ? new string([.. line.Where(c => !IsInvisible(c))])
        : line;

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\u00A0' or '\u2007' or '\u202F' or '\u3000';

    private static bool IsInvisible(char c) =>
        c is '\u200B' or '\u200C' or '\u200D' or '\u200E' or '\u200F' or '\uFEFF' or '\u00AD' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
