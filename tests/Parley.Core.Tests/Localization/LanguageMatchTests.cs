using Parley.Core.Localization;

namespace Parley.Core.Tests.Localization;

public sealed class LanguageMatchTests
{
    [Theory]
    [InlineData("ko", "ko")]
    [InlineData("ko-KR", "ko")]
    [InlineData("pt", "pt-BR")]
    [InlineData("pt-AO", "pt-BR")]
    [InlineData("pt-PT", "pt-PT")]
    [InlineData("zh-Hant-HK", "zh-TW")]
    [InlineData("zh", "zh-CN")]
    [InlineData("no", "nb")]
    [InlineData("FR_ca", "fr")]
    public void A_tag_finds_the_shipped_language_that_serves_it(string tag, string expected) =>
        Assert.Equal(expected, LanguageMatch.Match(tag));

    [Theory]
    [InlineData("xx")]
    [InlineData("")]
    [InlineData(null)]
    public void A_tag_no_shipped_language_serves_matches_none(string? tag) => Assert.Null(LanguageMatch.Match(tag));

    [Fact]
    public void Only_offered_languages_are_chosen_and_a_sibling_region_beats_another_language() =>
        Assert.Equal("pt-PT", LanguageMatch.Match("pt-BR", ["en", "pt-PT"]));

    [Fact]
    public void Without_a_usable_tag_the_account_default_then_English_is_chosen()
    {
        Assert.Equal("de", LanguageMatch.Choose([null, "xx"], "de-AT"));
        Assert.Equal("en", LanguageMatch.Choose([null], "xx"));
    }
}
