using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Parley.Core.Email.Inbound.Classification;

/// <summary>
/// The subject prefixes out-of-office responders put before the original subject, in every shipped language
/// (AutomaticReplySubjects.json, embedded): "Automatic reply:", "자동 회신:", "Réponse automatique :" …
/// </summary>
/// <remarks>
/// A prefix must start the subject (after any "[External]"-style tags a gateway adds): a person answering
/// writes "Re: …", so "Re: automatic reply settings" is never taken for one. A prefix written with a
/// trailing colon needs that colon (full-width "：" and a space or no-break space before it count), so a
/// person's "Poissa huomenna" or "Fuera de la oficina mañana" is not mistaken for a responder's "Poissa:";
/// a prefix without one must end at a word boundary.
/// </remarks>
internal static class AutomaticReplySubjects
{
    /// <summary>Each shipped language's prefixes, as written in the data file.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ByLanguage { get; } = Load();

    private static readonly (string Language, string Written, string Text, bool NeedsColon)[] Prefixes =
        [.. ByLanguage.SelectMany(l => l.Value.Select(p => (l.Key, p, Fold(p.TrimEnd(':')), p.EndsWith(':'))))];

    /// <summary>The language and prefix that <paramref name="subject"/> starts with, if any.</summary>
    public static (string Language, string Prefix)? Match(string? subject)
    {
        if (string.IsNullOrWhiteSpace(subject))
        {
            return null;
        }
        var text = Fold(WithoutTags(subject));
        foreach (var (language, written, prefix, needsColon) in Prefixes)
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal) && Ends(text, prefix.Length, needsColon))
            {
                return (language, written);
            }
        }
        return null;
    }

    private static bool Ends(string text, int at, bool needsColon)
    {
        if (!needsColon)
        {
            return at == text.Length || !IsWordCharacter(text[at]);
        }
        while (at < text.Length && text[at] is ' ' or '\u00a0' or '\u202f' or '\t')
        {
            at++;
        }
        return at < text.Length && text[at] is ':' or '：';
    }

    // Combining marks continue a word (Hindi vowel signs, Thai tone marks).
    private static bool IsWordCharacter(char c) =>
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    /// <summary>The subject without leading "[External]", "[SPAM]" tags that mail gateways put first.</summary>
    private static string WithoutTags(string subject)
    {
        var text = subject.TrimStart();
        for (var i = 0; i < 3 && text.StartsWith('[') && text.IndexOf(']', StringComparison.Ordinal) is var end and > 0; i++)
        {
            text = text[(end + 1)..].TrimStart();
        }
        return text;
    }

    private static string Fold(string text) => text.Normalize(NormalizationForm.FormC).ToLowerInvariant();

    private static Dictionary<string, IReadOnlyList<string>> Load()
    {
        using var stream = typeof(AutomaticReplySubjects).Assembly.GetManifestResourceStream("Parley.Core.Email.Inbound.Classification.AutomaticReplySubjects.json")
            ?? throw new InvalidOperationException("AutomaticReplySubjects.json is not embedded in Parley.Core.");
        return JsonSerializer.Deserialize<Dictionary<string, string[]>>(stream)!
            .ToDictionary(l => l.Key, l => (IReadOnlyList<string>)l.Value, StringComparer.OrdinalIgnoreCase);
    }
}
