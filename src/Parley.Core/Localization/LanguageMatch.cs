namespace Parley.Core.Localization;

/// <summary>
/// Which shipped language serves a language tag, the same way the messenger chooses (i18n.js): from the
/// most to the least specific part, through the aliases browsers and websites use, then any region of the
/// same language. "pt-AO" → "pt" → "pt-BR"; "fr-CA" → "fr"; "zh-Hant-HK" → "zh-Hant" → "zh-TW".
/// </summary>
public static class LanguageMatch
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pt"] = "pt-BR", ["zh"] = "zh-CN", ["zh-Hans"] = "zh-CN", ["zh-SG"] = "zh-CN", ["zh-Hant"] = "zh-TW",
        ["zh-HK"] = "zh-TW", ["zh-MO"] = "zh-TW", ["no"] = "nb", ["nn"] = "nb", ["iw"] = "he", ["in"] = "id",
    };

    /// <summary>The shipped language for <paramref name="tag"/> among <paramref name="offered"/> (all shipped when null or empty), or null.</summary>
    public static string? Match(string? tag, IReadOnlyCollection<string>? offered = null)
    {
        var allowed = offered is { Count: > 0 }
            ? ShippedLanguages.All.Where(l => offered.Contains(l, StringComparer.OrdinalIgnoreCase)).ToList()
            : ShippedLanguages.All;
        var parts = (tag ?? "").Trim().Replace('_', '-').Split('-', StringSplitOptions.RemoveEmptyEntries);
        for (var n = parts.Length; n > 0; n--)
        {
            var candidate = string.Join('-', parts[..n]);
            foreach (var c in new[] { candidate, Aliases.GetValueOrDefault(candidate) })
            {
                if (c is not null && allowed.FirstOrDefault(l => string.Equals(l, c, StringComparison.OrdinalIgnoreCase)) is { } hit)
                {
                    return hit;
                }
            }
            // "pt" when only pt-PT is offered: any region of the same language beats another language.
            if (n == 1 && allowed.FirstOrDefault(l => l.StartsWith(candidate + "-", StringComparison.OrdinalIgnoreCase)) is { } sibling)
            {
                return sibling;
            }
        }
        return null;
    }

    /// <summary>The first candidate that names a shipped language, else the account's default, else English.</summary>
    public static string Choose(IEnumerable<string?> candidates, string? accountDefault) =>
        candidates.Select(c => Match(c)).FirstOrDefault(m => m is not null) ?? Match(accountDefault) ?? "en";
}
