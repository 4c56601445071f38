using System.Net;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Utils;

namespace Parley.Core.Email.Inbound.Classification;

/// <summary>Reading the prose of delivery reports: status codes, permanence, the quoted original message.</summary>
internal static class BounceText
{
    // NonBacktracking: these run over text from anyone on the internet, so their time must stay linear.
    private const RegexOptions Safe = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    /// <summary>An RFC 3463 enhanced status code (5.1.1, 4.4.7, 5.1.10), not inside an IP address or version number.</summary>
    private static readonly Regex EnhancedCode = new(@"(?:^|[^0-9.])([245]\.[0-9]{1,3}\.[0-9]{1,3})(?:[^0-9]|$)", Safe);

    /// <summary>A basic SMTP reply code (550, 452) as servers write it before their text.</summary>
    private static readonly Regex ReplyCode = new(@"(?:^|[^0-9.])([45][0-9][0-9])(?:[ -]|$)", Safe);

    private static readonly Regex Tag = new("<[^>]*>", Safe);

    /// <summary>Where servers begin the copy of the returned message, after their report.</summary>
    private static readonly string[] CopyMarkers =
    [
        "------ This is a copy of the message", // Exim
        "--- Below this line is a copy of the message", // qmail, Yahoo
        "--- Original message follows", // Yahoo, older
        "----- Original message -----", // Gmail, older
        "------ Original message ------",
        "----- Unsent message follows -----", // Sendmail
        "Original message headers:", // Exchange
        "Original Message Headers", // Office 365
        "-----Original Message-----",
        "----- The following is a copy of the message",
    ];

    private static readonly string[] PermanentWords =
        ["permanent error", "permanent failure", "failed permanently", "permanently failed", "permanent fatal error", "i've given up", "i have given up"];

    /// <summary>The report's readable text: the plain-text body, else the HTML body without tags.</summary>
    public static string Of(MimeMessage message)
    {
        if (message.TextBody is { Length: > 0 } text)
        {
            return text.Replace("\r\n", "\n", StringComparison.Ordinal);
        }
        if (message.HtmlBody is { Length: > 0 } html)
        {
            var lines = html.Replace("\r\n", "\n", StringComparison.Ordinal)
                .Replace("<br", "\n<br", StringComparison.OrdinalIgnoreCase).Replace("</p>", "</p>\n", StringComparison.OrdinalIgnoreCase)
                .Replace("</div>", "</div>\n", StringComparison.OrdinalIgnoreCase).Replace("</tr>", "</tr>\n", StringComparison.OrdinalIgnoreCase);
            return WebUtility.HtmlDecode(Tag.Replace(lines, " "));
        }
        return "";
    }

    /// <summary>A server's own report is a few kilobytes; reading further only gives a hostile message more to make us parse.</summary>
    private const int MaxReportLength = 64 * 1024;

    /// <summary>The report part of the text (its first 64 KB) and the returned copy after it ("" when the text has no copy).</summary>
    public static (string Report, string Copy) Split(string text)
    {
        var at = CopyMarkers.Select(m => text.IndexOf(m, StringComparison.OrdinalIgnoreCase)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
        var (report, copy) = at < 0 ? (text, "") : (text[..at], text[at..]);
        return (report.Length > MaxReportLength ? report[..MaxReportLength] : report, copy);
    }

    /// <summary>The first enhanced status code in <paramref name="text"/>.</summary>
    public static string? StatusCode(string? text) =>
        text is not null && EnhancedCode.Match(text) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>Whether a status code, else the SMTP reply code of the diagnostic, says permanent (5) or temporary (4); null when neither is known.</summary>
    public static bool? IsPermanent(string? status, string? diagnostic)
    {
        if (status is { Length: > 0 })
        {
            return status[0] == '5';
        }
        return diagnostic is not null && ReplyCode.Match(diagnostic) is { Success: true } match ? match.Groups[1].Value[0] == '5' : null;
    }

    /// <summary>Whether the report's own words call the failure permanent.</summary>
    public static bool SaysPermanent(string text)
    {
        var report = Split(text).Report;
        return PermanentWords.Any(w => report.Contains(w, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A plain address: something@domain with nothing around it.</summary>
    public static bool IsAddress(string value) =>
        value.Length is > 2 and <= 254 && value.IndexOf('@', StringComparison.Ordinal) is var at && at > 0 && at < value.Length - 1 &&
        value.IndexOf('@', at + 1) < 0 && !value.Any(c => char.IsWhiteSpace(c) || c is '<' or '>' or '(' or ')' or '[' or ']' or ',' or ';' or ':' or '"');

    /// <summary>
    /// The Message-ID of the returned email: from an attached message/rfc822 or text/rfc822-headers part, else from
    /// the headers quoted in the text, else the report's In-Reply-To (Exchange and Office 365 set it).
    /// </summary>
    public static string? OriginalMessageId(MimeMessage message, string text)
    {
        foreach (var part in message.BodyParts.OfType<MessagePart>())
        {
            if (part.Message?.MessageId is { Length: > 0 } id)
            {
                return id;
            }
        }
        var (report, copy) = Split(text);
        return QuotedMessageId(copy) ?? QuotedMessageId(report) ?? (message.InReplyTo is { Length: > 0 } inReplyTo ? inReplyTo : null);
    }

    private static string? QuotedMessageId(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (!line.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            // The value may be folded onto the next line.
            var value = line["Message-ID:".Length..].Trim();
            if (value.Length == 0 && i + 1 < lines.Length)
            {
                value = lines[i + 1].Trim();
            }
            if (MimeUtils.EnumerateReferences(value).FirstOrDefault() is { Length: > 0 } id)
            {
                return id;
            }
        }
        return null;
    }
}
