namespace Parley.Core.Localization;

/// <summary>
/// CLDR cardinal plural rules (CLDR 46) for whole numbers in every shipped language. Counts Parley shows are
/// integers, so the operands v, f and t are always 0 and only the integer branches of each rule are kept.
/// </summary>
public static class PluralRules
{
    private delegate PluralCategory Rule(long n);

    // Keyed by the shipped language; a tag is first matched to one (pt-AO → pt-BR), so regional rules such as
    // pt-PT's differ from pt-BR's exactly as CLDR says.
    private static readonly Dictionary<string, Rule> Rules = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = OneIfExactlyOne, ["de"] = OneIfExactlyOne, ["nl"] = OneIfExactlyOne, ["sv"] = OneIfExactlyOne,
        ["da"] = OneIfExactlyOne, ["nb"] = OneIfExactlyOne, ["fi"] = OneIfExactlyOne, ["hu"] = OneIfExactlyOne,
        ["el"] = OneIfExactlyOne, ["tr"] = OneIfExactlyOne,
        ["ko"] = Always, ["ja"] = Always, ["zh-CN"] = Always, ["zh-TW"] = Always, ["id"] = Always, ["th"] = Always,
        ["vi"] = Always,
        ["hi"] = n => n is 0 or 1 ? PluralCategory.One : PluralCategory.Other,
        ["fr"] = n => n is 0 or 1 ? PluralCategory.One : MillionsOrOther(n),
        ["pt-BR"] = n => n is 0 or 1 ? PluralCategory.One : MillionsOrOther(n),
        ["pt-PT"] = n => n == 1 ? PluralCategory.One : MillionsOrOther(n),
        ["es"] = n => n == 1 ? PluralCategory.One : MillionsOrOther(n),
        ["it"] = n => n == 1 ? PluralCategory.One : MillionsOrOther(n),
        ["ru"] = EastSlavic, ["uk"] = EastSlavic,
        ["pl"] = Polish,
        ["cs"] = n => n switch { 1 => PluralCategory.One, >= 2 and <= 4 => PluralCategory.Few, _ => PluralCategory.Other },
        ["ro"] = n => n == 1 ? PluralCategory.One
            : n == 0 || n % 100 is >= 1 and <= 19 ? PluralCategory.Few
            : PluralCategory.Other,
        ["ar"] = Arabic,
        ["he"] = n => n switch { 1 => PluralCategory.One, 2 => PluralCategory.Two, _ => PluralCategory.Other },
    };

    /// <summary>The plural category of <paramref name="count"/> in <paramref name="language"/>; English rules for a language Parley does not ship.</summary>
    public static PluralCategory For(string language, long count) =>
        // CLDR takes the absolute value; long.MinValue has none, and no count Parley shows comes near it.
        RuleOf(language)(count == long.MinValue ? long.MaxValue : Math.Abs(count));

    /// <summary>
    /// The categories whole numbers can fall into in <paramref name="language"/>, in CLDR order: the forms a string
    /// table lists for it, no more and no fewer.
    /// </summary>
    internal static IReadOnlyList<PluralCategory> CategoriesOf(string language)
    {
        var rule = RuleOf(language);
        // Every integer rule above depends on n % 100 for n ≥ 100 and on the million boundary at most, so these
        // numbers reach every branch.
        var seen = Enumerable.Range(0, 200).Select(n => rule(n)).Append(rule(1_000_000)).ToHashSet();
        return [.. Enum.GetValues<PluralCategory>().Where(seen.Contains)];
    }

    private static Rule RuleOf(string language) =>
        Rules.GetValueOrDefault(LanguageMatch.Match(language) ?? "en") ?? OneIfExactlyOne;

    private static PluralCategory OneIfExactlyOne(long n) => n == 1 ? PluralCategory.One : PluralCategory.Other;

    private static PluralCategory Always(long n) => PluralCategory.Other;

    // CLDR's "many" for French, Spanish, Italian and Portuguese: whole millions ("1 000 000 de réponses").
    private static PluralCategory MillionsOrOther(long n) =>
        n != 0 && n % 1_000_000 == 0 ? PluralCategory.Many : PluralCategory.Other;

    private static PluralCategory EastSlavic(long n) => (n % 10, n % 100) switch
    {
        (1, not 11) => PluralCategory.One,
        (>= 2 and <= 4, < 12 or > 14) => PluralCategory.Few,
        _ => PluralCategory.Many,
    };

    private static PluralCategory Polish(long n) => n == 1 ? PluralCategory.One : (n % 10, n % 100) switch
    {
        (>= 2 and <= 4, < 12 or > 14) => PluralCategory.Few,
        _ => PluralCategory.Many,
    };

    private static PluralCategory Arabic(long n) => n switch
    {
        0 => PluralCategory.Zero,
        1 => PluralCategory.One,
        2 => PluralCategory.Two,
        _ => (n % 100) switch
        {
            >= 3 and <= 10 => PluralCategory.Few,
            >= 11 and <= 99 => PluralCategory.Many,
            _ => PluralCategory.Other,
        },
    };
}
