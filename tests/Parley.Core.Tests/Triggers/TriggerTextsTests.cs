using System.Text.RegularExpressions;
using Parley.Core.Localization;
using Parley.Core.Triggers;

namespace Parley.Core.Tests.Triggers;

public sealed partial class TriggerTextsTests
{
    public static TheoryData<string> Languages => [.. ShippedLanguages.All];

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_language_has_every_preset_text_with_the_same_placeholders_and_valid_liquid(string language)
    {
        var english = TriggerTexts.Table("en");
        var translated = TriggerTexts.Table(language);

        Assert.Equal(TriggerTexts.Presets.Order(StringComparer.Ordinal), translated.Keys.Order(StringComparer.Ordinal));
        foreach (var preset in TriggerTexts.Presets)
        {
            Assert.False(string.IsNullOrWhiteSpace(translated[preset]), $"{language}: {preset} is empty");
            Assert.Equal(Placeholders(english[preset]), Placeholders(translated[preset]));
            Assert.Null(TriggerTemplates.Problem(translated[preset]));
        }
    }

    [Fact]
    public void A_language_Parley_does_not_ship_falls_back_to_English() =>
        Assert.Equal(TriggerTexts.For(TriggerTexts.FirstReply, "en"), TriggerTexts.For(TriggerTexts.FirstReply, "xx"));

    private static string[] Placeholders(string text) => [.. Liquid().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\{[^}]*\}\}")]
    private static partial Regex Liquid();
}
