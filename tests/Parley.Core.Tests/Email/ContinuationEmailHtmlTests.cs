using System.Text.RegularExpressions;
using Parley.Core.Email.Outbound;
using Parley.Core.Localization;
using Parley.Core.Templates;

namespace Parley.Core.Tests.Email;

public sealed partial class ContinuationEmailHtmlTests
{
    public static TheoryData<string> Hostile => ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' onmouseover='alert(1)", "<a href=\"https://evil.example\">x</a>"];

    public static TheoryData<string> Languages => [.. ShippedLanguages.All];

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Hostile_text_in_every_value_comes_out_inert(string evil)
    {
        var model = EmailModels.With(business: "Acme " + evil, endUser: "Jo " + evil, agent: "Alex " + evil, text: "Hi " + evil,
            attachments: ["file " + evil + ".pdf"]) with
        {
            LastEndUserMessage = new EmailReply("Jo", EmailModels.FirstReplyAt, "Question " + evil, ["mine " + evil]),
        };

        var html = (await EmailModels.RenderAsync(model)).HtmlBody;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"https://evil", html, StringComparison.Ordinal);
        Assert.DoesNotContain("' onmouseover", html, StringComparison.Ordinal);
        // Every element and link in the output is one the layout wrote: the two links, nothing from the values.
        Assert.All(Tags().Matches(html).Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct(), tag => Assert.Contains(tag, LayoutTags));
        Assert.Equal(2, Regex.Matches(html, "<a ").Count);
        // Each of the six values appears escaped (the subject in <title> makes the business name a seventh).
        var escaped = SafeLiquid.Html.Encode(evil);
        Assert.NotEqual(evil, escaped);
        Assert.True(Regex.Matches(html, Regex.Escape(escaped)).Count >= 7, html);
    }

    [Fact]
    public async Task The_escaped_agent_text_still_reads_as_written_in_the_browser()
    {
        var html = (await EmailModels.RenderAsync(EmailModels.With(text: "5 < 6 & \"quotes\""))).HtmlBody;

        Assert.Contains("5 &lt; 6 &amp; &quot;quotes&quot;", html, StringComparison.Ordinal);
        Assert.Contains("5 < 6 & \"quotes\"", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ar", "rtl", "right")]
    [InlineData("he", "rtl", "right")]
    [InlineData("en", "ltr", "left")]
    [InlineData("ja", "ltr", "left")]
    public async Task Arabic_and_Hebrew_are_laid_out_right_to_left(string language, string dir, string start)
    {
        var html = (await EmailModels.RenderAsync(EmailModels.With(language: language))).HtmlBody;

        Assert.Contains($"<html lang=\"{language}\" dir=\"{dir}\">", html, StringComparison.Ordinal);
        Assert.Contains($"dir=\"{dir}\" align=\"{start}\"", html, StringComparison.Ordinal);
        Assert.Contains($"text-align:{start};", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_html_supports_dark_mode_and_narrow_screens_without_images_or_other_links(string language)
    {
        var html = (await ContinuationEmailRenderer.RenderAsync(ContinuationEmailRenderer.Sample(language, "Acme"))).HtmlBody;

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"color-scheme\" content=\"light dark\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"supported-color-schemes\" content=\"light dark\">", html, StringComparison.Ordinal);
        Assert.Contains("@media (prefers-color-scheme: dark)", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html, StringComparison.Ordinal);
        Assert.Contains("max-width:600px", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(
            ["https://support.example.com/email/unsubscribe?token=sample", "https://support.example.com/messenger/continue?token=sample"],
            Urls().Matches(html).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Only_the_html_styles_dark_mode_every_other_style_is_inline()
    {
        var html = (await EmailModels.RenderAsync(EmailModels.With())).HtmlBody;

        Assert.Single(Regex.Matches(html, "<style>"));
        var body = html[html.IndexOf("<body", StringComparison.Ordinal)..];
        Assert.DoesNotContain("<style", body, StringComparison.Ordinal);
        Assert.Contains("style=\"", body, StringComparison.Ordinal);
    }

    private static readonly string[] LayoutTags = ["html", "head", "meta", "title", "style", "body", "table", "tr", "td", "p", "h1", "div", "strong", "span", "br", "a"];

    [GeneratedRegex(@"<\s*([a-zA-Z][a-zA-Z0-9]*)")]
    private static partial Regex Tags();

    [GeneratedRegex(@"https?://[^""'\s<>)]+")]
    private static partial Regex Urls();
}
