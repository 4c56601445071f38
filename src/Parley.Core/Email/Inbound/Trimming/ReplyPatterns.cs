using System.Text.RegularExpressions;

namespace Parley.Core.Email.Inbound.Trimming;

/// <summary>The rows of <see cref="ReplyLanguages"/> compiled into one expression per kind of marker.</summary>
/// <remarks>
/// NonBacktracking keeps every match linear in the line's length, whatever an email contains; the
/// patterns need no lookaround or backreference, which that engine does not have.
/// </remarks>
internal static class ReplyPatterns
{
    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    /// <summary>An "On … wrote:" line in any language.</summary>
    public static readonly Regex Attribution = WholeLine(ReplyLanguages.All.SelectMany(l => l.Wrote));

    /// <summary>The attributions that open with words of their own ("On …", "Le …"), not with a name or date.</summary>
    public static readonly Regex LeadingAttribution = WholeLine(ReplyLanguages.All.SelectMany(l => l.Wrote).Where(p => !p.StartsWith('.')));

    /// <summary>An attribution names a date, a time or an address; a sentence ending in "wrote:" does not.</summary>
    public static readonly Regex DateOrAddress = new(@"\d{1,2}[:.：]\d{2}|\d{4}|@", Options);

    /// <summary>The first line of an Outlook-style block: "From: …", "De : …", "보낸 사람: …".</summary>
    public static readonly Regex FromLabel = Label(ReplyLanguages.All.SelectMany(l => l.From));

    /// <summary>Any other line of that block: "Sent: …", "Objet : …", "件名: …".</summary>
    public static readonly Regex FieldLabel = Label(ReplyLanguages.All.SelectMany(l => l.Fields));

    /// <summary>"-----Original Message-----", "-------- Ursprüngliche Nachricht --------", "------------------ 原始邮件 ------------------".</summary>
    public static readonly Regex OriginalMessage = new(
        @"^\**[-—–_=~]{2,} ?(?:" + Alternatives(ReplyLanguages.All.SelectMany(l => l.Original).Select(Regex.Escape)) + @") ?[-—–_=~]{2,}\**$",
        Options);

    /// <summary>"Sent from my iPhone", "Von meinem iPhone gesendet", "iPhoneから送信", "Get Outlook for iOS".</summary>
    public static readonly Regex SentFrom = WholeLine(ReplyLanguages.All.SelectMany(l => l.SentFrom));

    /// <summary>A line drawn between the reply and what it answers: "________________________________", "-----".</summary>
    public static readonly Regex Separator = new(@"^[-—–_=~*]{2,}$", Options);

    /// <summary>Outlook's stand-in for an inline image in its text part: "[cid:image001.png@01DA7620.5B3C2A10]".</summary>
    public static readonly Regex ImagePlaceholder = new(@"^(?:\[cid:[^\]\s]+\] ?)+$", Options);

    private static Regex WholeLine(IEnumerable<string> patterns) => new("^(?:" + Alternatives(patterns) + ")$", Options);

    // Bold labels ("*From:*") are what Outlook and Gmail write into the text part for <b>From:</b>.
    private static Regex Label(IEnumerable<string> labels) =>
        new(@"^\*{0,2} ?(?:" + Alternatives(labels.Select(Regex.Escape)) + @") ?\*{0,2} ?[:：]", Options);

    private static string Alternatives(IEnumerable<string> patterns) =>
        string.Join('|', patterns.Distinct(StringComparer.Ordinal).Select(p => "(?:" + p + ")"));
}
