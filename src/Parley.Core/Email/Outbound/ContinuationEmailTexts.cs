using System.Collections.Concurrent;
using System.Text.Json;
using Parley.Core.Localization;

namespace Parley.Core.Email.Outbound;

/// <summary>One language's continuation-email strings: plain strings, and counted phrases keyed by plural category.</summary>
internal sealed record EmailTextTable(
    IReadOnlyDictionary<string, string> Strings,
    IReadOnlyDictionary<string, IReadOnlyDictionary<PluralCategory, string>> Plurals);

/// <summary>
/// The continuation email's strings in every shipped language (Email/Outbound/Texts/{language}.json, embedded).
/// A value is a string or, for a counted phrase, an object with one string per CLDR category the language's
/// rules produce. Strings are Liquid over a few values ({{ business }}, {{ name }}, {{ number }}, {{ count }}).
/// Keys starting with "sample_" are the admin preview's sample conversation, not template strings.
/// </summary>
internal static class ContinuationEmailTexts
{
    public const string SamplePrefix = "sample_";
    public const string Subject = "subject", NewReplies = "new_replies", Greeting = "greeting", GreetingAnonymous = "greeting_anonymous";

    private static readonly ConcurrentDictionary<string, EmailTextTable> Tables = new(StringComparer.OrdinalIgnoreCase);
    private static readonly EmailTextTable Empty = new(new Dictionary<string, string>(), new Dictionary<string, IReadOnlyDictionary<PluralCategory, string>>());

    /// <summary>The table of one shipped language as shipped; empty for any other tag.</summary>
    public static EmailTextTable Table(string language) => Tables.GetOrAdd(language, Load);

    /// <summary>The string <paramref name="key"/> in <paramref name="language"/>, else in English.</summary>
    public static string String(string language, string key) =>
        Table(language).Strings.GetValueOrDefault(key) ?? Table("en").Strings.GetValueOrDefault(key) ?? "";

    /// <summary>The form of the counted phrase <paramref name="key"/> that <paramref name="count"/> takes in <paramref name="language"/>.</summary>
    public static string Plural(string language, string key, long count)
    {
        if (Table(language).Plurals.GetValueOrDefault(key) is { } forms &&
            (forms.GetValueOrDefault(PluralRules.For(language, count)) ?? forms.GetValueOrDefault(PluralCategory.Other)) is { } form)
        {
            return form;
        }
        var english = Table("en").Plurals.GetValueOrDefault(key);
        return english?.GetValueOrDefault(PluralRules.For("en", count)) ?? english?.GetValueOrDefault(PluralCategory.Other) ?? "";
    }

    /// <summary>Every key a template can read as <c>t.key</c>, in English's order.</summary>
    public static IReadOnlyList<string> TemplateKeys { get; } =
        [.. Table("en").Strings.Keys.Concat(Table("en").Plurals.Keys).Where(k => !k.StartsWith(SamplePrefix, StringComparison.Ordinal))];

    private static EmailTextTable Load(string language)
    {
        var shipped = ShippedLanguages.All.FirstOrDefault(l => string.Equals(l, language, StringComparison.OrdinalIgnoreCase));
        using var stream = shipped is null ? null
            : typeof(ContinuationEmailTexts).Assembly.GetManifestResourceStream($"Parley.Core.Email.Outbound.Texts.{shipped}.json");
        if (stream is null)
        {
            return Empty;
        }
        using var json = JsonDocument.Parse(stream);
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        var plurals = new Dictionary<string, IReadOnlyDictionary<PluralCategory, string>>(StringComparer.Ordinal);
        foreach (var entry in json.RootElement.EnumerateObject())
        {
            if (entry.Value.ValueKind == JsonValueKind.Object)
            {
                plurals[entry.Name] = entry.Value.EnumerateObject().ToDictionary(
                    f => Enum.Parse<PluralCategory>(f.Name, ignoreCase: true), f => f.Value.GetString() ?? "");
            }
            else
            {
                strings[entry.Name] = entry.Value.GetString() ?? "";
            }
        }
        return new EmailTextTable(strings, plurals);
    }
}
