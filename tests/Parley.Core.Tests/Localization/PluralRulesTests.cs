using Parley.Core.Localization;
using static Parley.Core.Localization.PluralCategory;

namespace Parley.Core.Tests.Localization;

public sealed class PluralRulesTests
{
    private static readonly long[] Numbers = [0, 1, 2, 3, 4, 5, 10, 11, 12, 14, 19, 20, 21, 22, 25, 100, 101, 102, 111, 1000, 1_000_000];

    // The expected category of each of Numbers, read from the CLDR 46 tables by hand.
    public static TheoryData<string, PluralCategory[]> Expected => new()
    {
        { "en", [Other, One, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other] },
        { "hi", [One, One, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other] },
        { "fr", [One, One, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Many] },
        { "pt-BR", [One, One, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Many] },
        { "pt-PT", [Other, One, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Many] },
        { "es", [Other, One, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Many] },
        { "it", [Other, One, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Many] },
        { "ru", [Many, One, Few, Few, Few, Many, Many, Many, Many, Many, Many, Many, One, Few, Many, Many, One, Few, Many, Many, Many] },
        { "uk", [Many, One, Few, Few, Few, Many, Many, Many, Many, Many, Many, Many, One, Few, Many, Many, One, Few, Many, Many, Many] },
        { "pl", [Many, One, Few, Few, Few, Many, Many, Many, Many, Many, Many, Many, Many, Few, Many, Many, Many, Few, Many, Many, Many] },
        { "cs", [Other, One, Few, Few, Few, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other] },
        { "ro", [Few, One, Few, Few, Few, Few, Few, Few, Few, Few, Few, Other, Other, Other, Other, Other, Few, Few, Few, Other, Other] },
        { "ar", [Zero, One, Two, Few, Few, Few, Few, Many, Many, Many, Many, Many, Many, Many, Many, Other, Other, Other, Many, Other, Other] },
        { "he", [Other, One, Two, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other] },
        { "ja", [Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other, Other] },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Each_number_takes_the_CLDR_category_of_its_language(string language, PluralCategory[] expected) =>
        Assert.Equal(expected, Numbers.Select(n => PluralRules.For(language, n)));

    [Theory]
    [InlineData("en"), InlineData("de"), InlineData("nl"), InlineData("sv"), InlineData("da"), InlineData("nb"), InlineData("fi")]
    [InlineData("hu"), InlineData("el"), InlineData("tr")]
    public void Languages_with_one_and_other_use_one_for_exactly_one(string language)
    {
        Assert.Equal(One, PluralRules.For(language, 1));
        Assert.All(new long[] { 0, 2, 11, 21, 101, 1_000_000 }, n => Assert.Equal(Other, PluralRules.For(language, n)));
    }

    [Theory]
    [InlineData("ko"), InlineData("ja"), InlineData("zh-CN"), InlineData("zh-TW"), InlineData("th"), InlineData("vi"), InlineData("id")]
    public void Languages_without_plural_forms_always_use_other(string language) =>
        Assert.All(Numbers, n => Assert.Equal(Other, PluralRules.For(language, n)));

    [Theory]
    [InlineData(3), InlineData(4), InlineData(7), InlineData(10), InlineData(103), InlineData(110)]
    public void Arabic_uses_the_few_form_for_three_to_ten(long n) => Assert.Equal(Few, PluralRules.For("ar", n));

    [Theory]
    [InlineData(11), InlineData(26), InlineData(99), InlineData(111), InlineData(1099)]
    public void Arabic_uses_the_many_form_for_eleven_to_ninety_nine(long n) => Assert.Equal(Many, PluralRules.For("ar", n));

    [Theory]
    [InlineData(22, Few), InlineData(24, Few), InlineData(12, Many), InlineData(14, Many), InlineData(25, Many), InlineData(21, Many)]
    public void Polish_uses_few_after_two_to_four_except_the_teens_and_many_otherwise(long n, PluralCategory expected) =>
        Assert.Equal(expected, PluralRules.For("pl", n));

    [Fact]
    public void Whole_millions_take_the_many_form_in_French_Spanish_Italian_and_Portuguese() =>
        Assert.All(new[] { "fr", "es", "it", "pt-BR", "pt-PT" }, l =>
        {
            Assert.Equal(Many, PluralRules.For(l, 1_000_000));
            Assert.Equal(Many, PluralRules.For(l, 3_000_000));
            Assert.Equal(Other, PluralRules.For(l, 1_000_001));
        });

    [Theory]
    [InlineData("pt-AO", 0, One)]
    [InlineData("pt", 0, One)]
    [InlineData("fr-CA", 0, One)]
    [InlineData("ru-RU", 21, One)]
    [InlineData("xx", 0, Other)]
    [InlineData("xx", 1, One)]
    public void A_tag_uses_the_rules_of_the_shipped_language_that_serves_it_else_English(string tag, long n, PluralCategory expected) =>
        Assert.Equal(expected, PluralRules.For(tag, n));

    [Fact]
    public void A_negative_count_takes_the_category_of_its_absolute_value()
    {
        Assert.Equal(One, PluralRules.For("ru", -21));
        Assert.Equal(Other, PluralRules.For("en", long.MinValue));
    }

    public static TheoryData<string, PluralCategory[]> Categories => new()
    {
        { "en", [One, Other] }, { "ja", [Other] }, { "fr", [One, Many, Other] }, { "ru", [One, Few, Many] },
        { "pl", [One, Few, Many] }, { "cs", [One, Few, Other] }, { "ro", [One, Few, Other] },
        { "ar", [Zero, One, Two, Few, Many, Other] }, { "he", [One, Two, Other] }, { "hi", [One, Other] },
    };

    [Theory]
    [MemberData(nameof(Categories))]
    public void A_language_lists_the_categories_whole_numbers_can_take(string language, PluralCategory[] expected) =>
        Assert.Equal(expected, PluralRules.CategoriesOf(language));
}
