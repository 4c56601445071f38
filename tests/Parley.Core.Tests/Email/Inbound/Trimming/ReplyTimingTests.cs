using System.Diagnostics;
using Parley.Core.Email.Inbound.Trimming;

namespace Parley.Core.Tests.Email.Inbound.Trimming;

// Timings mean something only when the other tests are not running at the same time.
[CollectionDefinition(nameof(ReplyTimingTests), DisableParallelization = true)]
public sealed class ReplyTimingCollection;

/// <summary>A megabyte of text or of hostile HTML is trimmed in well under the time an email may take.</summary>
[Collection(nameof(ReplyTimingTests))]
public sealed class ReplyTimingTests
{
    [Fact]
    public void A_megabyte_of_text_is_trimmed_quickly()
    {
        var line = new string('x', 70) + " On Thu wrote: From: > " + new string('y', 20);
        var text = string.Join("\n", Enumerable.Repeat(line, 1_100_000 / line.Length)) + "\n" + new string('z', 200_000);
        ReplyTrimmer.Trim("warm up");

        var watch = Stopwatch.StartNew();
        var trimmed = ReplyTrimmer.Trim(text);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
        Assert.True(trimmed.Length <= ReplyTrimmer.MaxTextLength);
    }

    [Fact]
    public void A_megabyte_of_header_like_lines_is_trimmed_quickly()
    {
        var text = "Hi\n\n" + string.Join("\n", Enumerable.Repeat("On " + new string(' ', 40) + "1:00 a@b.c", 25_000));
        ReplyTrimmer.Trim("warm up");

        var watch = Stopwatch.StartNew();
        ReplyTrimmer.Trim(text);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_megabyte_of_ordinary_html_converts_quickly()
    {
        var paragraph = "<p class=MsoNormal>Thanks for the update, <b>Thursday</b> is fine &amp; the side door works.<o:p></o:p></p>\n";
        var html = "<html><body>" + string.Concat(Enumerable.Repeat(paragraph, 4_000)) + "<blockquote type=\"cite\">" +
            string.Concat(Enumerable.Repeat(paragraph, 4_000)) + "</blockquote></body></html>";
        ReplyBody.FromHtml("<p>warm up</p>");

        var watch = Stopwatch.StartNew();
        var body = ReplyBody.FromHtml(html);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
        Assert.DoesNotContain(">", body.Trimmed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<div><p>x")]
    [InlineData("<b>x")]
    [InlineData("<ul><li>x")]
    [InlineData("<span></div>")]
    [InlineData("<b><div></b>")]
    [InlineData("<table><tr><td>x")]
    [InlineData("<blockquote>x")]
    [InlineData("<div class=a'b>x")]
    public void Deeply_nested_html_of_a_megabyte_converts_quickly(string unit)
    {
        var html = string.Concat(Enumerable.Repeat(unit, HtmlText.MaxHtmlLength / unit.Length));
        ReplyBody.FromHtml("<p>warm up</p>");

        var watch = Stopwatch.StartNew();
        var body = ReplyBody.FromHtml(html);

        // Hostile HTML may take seconds (the parser still does work per tag); it must never take minutes.
        // Far above the seconds it takes on a busy machine, far below what a quadratic parse of it would take.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
        Assert.Equal(unit.Contains('x', StringComparison.Ordinal), body.Trimmed.Contains('x', StringComparison.Ordinal));
    }
}
