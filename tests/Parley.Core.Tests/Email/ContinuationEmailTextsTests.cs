using System.Text.RegularExpressions;
using Fluid;
using Parley.Core.Email.Outbound;
using Parley.Core.Localization;
using Parley.Core.Templates;

namespace Parley.Core.Tests.Email;

public sealed partial class ContinuationEmailTextsTests
{
    public static TheoryData<string> Languages => [.. ShippedLanguages.All];

    public static TheoryData<string> Translations => [.. ShippedLanguages.All.Where(l => l != "en")];

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_language_has_every_string_with_the_same_placeholders_as_English_and_valid_liquid(string language)
    {
        var english = ContinuationEmailTexts.Table("en");
        var table = ContinuationEmailTexts.Table(language);

        Assert.Equal(english.Strings.Keys.Order(StringComparer.Ordinal), table.Strings.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, text) in table.Strings)
        {
            Assert.False(string.IsNullOrWhiteSpace(text), $"{language}: {key} is empty");
            Assert.Equal(Placeholders(english.Strings[key]), Placeholders(text));
            Assert.True(SafeLiquid.Parser.TryParse(text, out _, out var error), $"{language}: {key}: {error}");
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_counted_phrase_lists_exactly_the_plural_categories_the_language_uses(string language)
    {
        var english = ContinuationEmailTexts.Table("en");
        var table = ContinuationEmailTexts.Table(language);

        Assert.Equal(english.Plurals.Keys.Order(StringComparer.Ordinal), table.Plurals.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, forms) in table.Plurals)
        {
            Assert.Equal(PluralRules.CategoriesOf(language), forms.Keys.Order());
            var expected = Placeholders(english.Plurals[key][PluralCategory.Other]);
            foreach (var (category, text) in forms)
            {
                Assert.False(string.IsNullOrWhiteSpace(text), $"{language}: {key}.{category} is empty");
                Assert.True(SafeLiquid.Parser.TryParse(text, out _, out var error), $"{language}: {key}.{category}: {error}");
                // A form that only one number takes ("رد جديد واحد", "שתי תשובות") may say the number in words.
                var allowed = OnlyOneNumberTakes(language, category) ? expected.Where(p => p != "{{ count }}").ToArray() : expected;
                var actual = Placeholders(text);
                Assert.True(actual.SequenceEqual(expected) || actual.SequenceEqual(allowed),
                    $"{language}: {key}.{category} has [{string.Join(", ", actual)}], expected [{string.Join(", ", expected)}]");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void Every_translation_differs_from_the_English_text(string language)
    {
        var english = ContinuationEmailTexts.Table("en");
        var table = ContinuationEmailTexts.Table(language);

        Assert.All(table.Strings, s => Assert.NotEqual(english.Strings[s.Key], s.Value));
        Assert.All(table.Plurals, p => Assert.DoesNotContain(p.Value.Values, english.Plurals[p.Key].Values.Contains));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Every_language_renders_its_sample_in_that_language(string language)
    {
        var email = await ContinuationEmailRenderer.RenderAsync(ContinuationEmailRenderer.Sample(language, "Acme"));

        Assert.Equal(language, email.Language);
        Assert.Empty(email.OverrideFailures);
        foreach (var key in new[] { "intro", "continue_hint", "sample_reply", "sample_question" })
        {
            var own = ContinuationEmailTexts.String(language, key).Split('\n')[0];
            Assert.Contains(own, email.TextBody, StringComparison.Ordinal);
            if (language != "en")
            {
                Assert.DoesNotContain(ContinuationEmailTexts.String("en", key).Split('\n')[0], email.TextBody, StringComparison.Ordinal);
            }
        }
        Assert.Contains($"lang=\"{language}\"", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_language_Parley_does_not_ship_has_no_table_and_its_strings_come_from_English()
    {
        Assert.Empty(ContinuationEmailTexts.Table("xx").Strings);
        Assert.Equal(ContinuationEmailTexts.String("en", "intro"), ContinuationEmailTexts.String("xx", "intro"));
        Assert.Equal("{{ count }} new replies from {{ business }}", ContinuationEmailTexts.Plural("xx", "new_replies", 3));
    }

    private static bool OnlyOneNumberTakes(string language, PluralCategory category) =>
        Enumerable.Range(0, 1001).Count(n => PluralRules.For(language, n) == category) == 1;

    private static string[] Placeholders(string text) => [.. Liquid().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\{[^}]*\}\}")]
    private static partial Regex Liquid();
}
