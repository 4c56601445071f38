using System.Text.Json;
using System.Text.RegularExpressions;
using Parley.Core.Localization;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Widget;

/// <summary>Every language Parley ships has every messenger string, with the same placeholders as English.</summary>
public sealed partial class MessengerTranslationsTests
{
    private static readonly string Folder = RepoFolder.Find("src", "Parley.Server", "wwwroot", "messenger", "i18n");

    public static TheoryData<string> Languages => [.. ShippedLanguages.All];

    [Theory]
    [MemberData(nameof(Languages))]
    public void Language_has_every_messenger_string_with_matching_placeholders(string language)
    {
        var english = Load("en");
        var translated = Load(language);

        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), translated.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, text) in english)
        {
            Assert.False(string.IsNullOrWhiteSpace(translated[key]), $"{language}: \"{key}\" is empty.");
            Assert.Equal(Placeholders(text), Placeholders(translated[key]));
        }
    }

    [Fact]
    public void No_language_file_is_shipped_that_parley_does_not_list()
    {
        var files = Directory.GetFiles(Folder, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(ShippedLanguages.All.Order(StringComparer.Ordinal), files);
    }

    private static Dictionary<string, string> Load(string language) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(Folder, language + ".json")))!;

    private static string[] Placeholders(string text) =>
        [.. PlaceholderPattern().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{[A-Za-z0-9_]+\}")]
    private static partial Regex PlaceholderPattern();
}
