using System.Collections.Concurrent;
using System.Text.Json;
using Parley.Core.Localization;

namespace Parley.Core.Triggers;

/// <summary>
/// The texts Parley's own triggers send, shipped in every language (Triggers/Texts/{language}.json, embedded).
/// An action names one by its preset key; the end user's language picks the translation. They are Liquid,
/// like an admin's text.
/// </summary>
public static class TriggerTexts
{
    public const string FirstReply = "first-reply", ContactDetailsAway = "contact-details-away", AllOffline = "all-offline",
        OutOfOffice = "out-of-office", RequestEmail = "request-email", EmailConfirmation = "email-confirmation";

    public static readonly IReadOnlyList<string> Presets = [FirstReply, ContactDetailsAway, AllOffline, OutOfOffice, RequestEmail, EmailConfirmation];

    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> Tables = new(StringComparer.OrdinalIgnoreCase);

    public static bool IsPreset(string key) => Presets.Contains(key, StringComparer.Ordinal);

    /// <summary>The preset's text in <paramref name="language"/> (a shipped language), else in English.</summary>
    public static string For(string preset, string language) =>
        Table(language).GetValueOrDefault(preset) ?? Table("en").GetValueOrDefault(preset) ?? "";

    /// <summary>Every preset text of one shipped language, as shipped.</summary>
    public static IReadOnlyDictionary<string, string> Table(string language) => Tables.GetOrAdd(language, Load);

    private static IReadOnlyDictionary<string, string> Load(string language)
    {
        if (!ShippedLanguages.All.Contains(language, StringComparer.OrdinalIgnoreCase))
        {
            return new Dictionary<string, string>();
        }
        var name = $"Parley.Core.Triggers.Texts.{ShippedLanguages.All.First(l => string.Equals(l, language, StringComparison.OrdinalIgnoreCase))}.json";
        using var stream = typeof(TriggerTexts).Assembly.GetManifestResourceStream(name);
        return stream is null
            ? new Dictionary<string, string>()
            : JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
    }
}
