using Parley.Core.Accounts;

namespace Parley.Core.Tests.Accounts;

public sealed class SettingsRulesTests
{
    [Theory]
    [InlineData("https://shop.example.com", "https://shop.example.com")]
    [InlineData("https://Shop.Example.com/", "https://shop.example.com")]
    [InlineData("  https://shop.example.com  ", "https://shop.example.com")]
    [InlineData("http://localhost:5000", "http://localhost:5000")]
    [InlineData("https://shop.example.com:443", "https://shop.example.com")]
    [InlineData("https://shop.example.com:8443/", "https://shop.example.com:8443")]
    public void Origin_is_normalized_to_lower_case_scheme_host_and_port(string value, string expected)
    {
        Assert.Equal(expected, SettingsService.NormalizeOrigin(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("shop.example.com")]
    [InlineData("ftp://shop.example.com")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://shop.example.com/path")]
    [InlineData("https://shop.example.com/?q=1")]
    [InlineData("https://user:pass@shop.example.com")]
    [InlineData("*")]
    public void Anything_but_an_http_origin_is_not_an_origin(string value)
    {
        Assert.Null(SettingsService.NormalizeOrigin(value));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ko")]
    [InlineData("pt-BR")]
    [InlineData("zh-Hant")]
    [InlineData("de-DE")]
    [InlineData("fil")]
    public void Language_tags_are_recognised(string tag)
    {
        Assert.True(SettingsService.IsLanguageTag(tag));
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("english")]
    [InlineData("en_US")]
    [InlineData("en-")]
    [InlineData("12")]
    [InlineData("qq")]
    [InlineData("en-US-with-a-very-long-tail")]
    public void Other_values_are_not_language_tags(string tag)
    {
        Assert.False(SettingsService.IsLanguageTag(tag));
    }
}
