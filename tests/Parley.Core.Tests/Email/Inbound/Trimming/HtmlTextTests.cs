using Parley.Core.Email.Inbound.Trimming;

namespace Parley.Core.Tests.Email.Inbound.Trimming;

public sealed class HtmlTextTests
{
    private static string Text(string html) => HtmlText.Convert(html).Full;

    private static string Trimmed(string html) => ReplyBody.FromHtml(html).Trimmed;

    [Fact]
    public void Scripts_styles_and_the_head_never_reach_the_text()
    {
        const string html = """
            <html><head><title>Secret title</title><style>p { color: red }</style><script>alert('x')</script></head>
            <body><p>Visible</p><script>document.write('injected')</script><noscript>no script</noscript>
            <div style="display: none">hidden preheader</div><span hidden>also hidden</span><img src="x" onerror="alert(1)" alt="logo"></body></html>
            """;

        Assert.Equal("Visible", Text(html));
    }

    [Fact]
    public void Entities_are_decoded_and_spaces_collapsed()
    {
        Assert.Equal("Fish & chips < 5 € — “fine”", Text("<p>Fish &amp; chips&nbsp;&lt;&nbsp;5&#160;&euro;   &mdash;\n  &ldquo;fine&rdquo;</p>"));
    }

    [Fact]
    public void Blocks_and_line_breaks_become_lines()
    {
        Assert.Equal("One\ntwo\n\nThree\n\nFour", Text("<div>One<br>two</div><p>Three</p><h2>Four</h2>"));
    }

    [Fact]
    public void Outlook_paragraphs_are_single_lines()
    {
        Assert.Equal("Hi,\n\nThanks", Text("<p class=MsoNormal>Hi,<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Thanks<o:p></o:p></p>"));
    }

    [Fact]
    public void Nested_lists_keep_their_markers_and_indentation()
    {
        const string html = "<p>Items:</p><ul><li>Jacket<ul><li>blue</li><li>size M</li></ul></li><li>Scarf</li></ul><ol><li>First</li><li>Second</li></ol>";

        Assert.Equal("Items:\n\n- Jacket\n  - blue\n  - size M\n- Scarf\n\n1. First\n2. Second", Text(html));
    }

    [Fact]
    public void Links_show_their_address_when_the_text_does_not()
    {
        const string html = "<p><a href=\"https://acme.example/track?id=1\">tracking page</a>, <a href=\"https://acme.example\">acme.example</a>, " +
            "<a href=\"mailto:jane@example.com\">Jane</a>, <a href=\"javascript:alert(1)\">click</a></p>";

        Assert.Equal("tracking page (https://acme.example/track?id=1), acme.example, Jane (jane@example.com), click", Text(html));
    }

    [Fact]
    public void Blockquotes_become_quoted_lines()
    {
        Assert.Equal("Yes\n\n> Is Thursday fine?\n> Alex", Text("<div>Yes</div><blockquote type=\"cite\"><div>Is Thursday fine?</div><div>Alex</div></blockquote>"));
    }

    [Fact]
    public void Gmail_indentation_is_not_a_quote()
    {
        Assert.Equal("Indented", Trimmed("<blockquote style=\"margin:0 0 0 40px;border:none;padding:0px\">Indented</blockquote>"));
    }

    [Fact]
    public void Gmail_quote_and_attribution_are_history()
    {
        const string html = """
            <div dir="ltr">Thursday is fine.</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Thu, Mar 14, 2024 at 3:10 PM Acme Support &lt;<a href="mailto:support@parley.example">support@parley.example</a>&gt; wrote:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">Is Thursday fine?</blockquote></div>
            """;

        Assert.Equal("Thursday is fine.", Trimmed(html));
    }

    [Fact]
    public void Gmail_inline_answers_inside_the_quote_container_stay()
    {
        const string html = """
            <div class="gmail_quote"><div class="gmail_attr">On Thu, Mar 14, 2024 at 3:10 PM Acme &lt;support@parley.example&gt; wrote:<br></div>
            <blockquote class="gmail_quote">Order number?</blockquote><div>12345</div><blockquote class="gmail_quote">Address?</blockquote><div>1 Main Street</div></div>
            """;

        Assert.Equal("12345\n\n1 Main Street", Trimmed(html));
    }

    [Fact]
    public void Outlook_web_history_after_appendonsend_is_removed()
    {
        const string html = """
            <div>Thanks!</div><div id="appendonsend"></div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr"><b>De :</b> Acme<br><b>Envoyé :</b> jeudi<br></div><div>Bonjour Jane</div>
            """;

        Assert.Equal("Thanks!", Trimmed(html));
    }

    [Fact]
    public void Outlook_desktop_history_after_the_bordered_header_is_removed()
    {
        const string html = """
            <div class=WordSection1><p class=MsoNormal>Danke!</p><div><div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'><p class=MsoNormal><b>Von:</b> Acme Support &lt;support@parley.example&gt; <br><b>Gesendet:</b> Donnerstag, 14. März 2024 15:10</p></div></div><p class=MsoNormal>Hallo Jane</p></div>
            """;

        Assert.Equal("Danke!", Trimmed(html));
    }

    [Fact]
    public void Yahoo_and_thunderbird_markers_are_history()
    {
        Assert.Equal("Ok", Trimmed("<div>Ok</div><div id=\"yahoo_quoted_1\" class=\"yahoo_quoted\"><div>On Thursday … wrote:</div><div>unquoted history</div></div>"));
        Assert.Equal("Ok", Trimmed("<p>Ok</p><div class=\"moz-cite-prefix\">On 3/14/24 15:10, Acme wrote:<br></div><blockquote type=\"cite\">Hi</blockquote>"));
    }

    [Fact]
    public void A_reply_typed_inside_the_quote_is_not_lost()
    {
        Assert.Equal("> only quoted", Trimmed("<blockquote>only quoted</blockquote>"));
    }

    [Fact]
    public void Preformatted_text_keeps_its_lines_and_indentation()
    {
        Assert.Equal("Code:\n\n  a  = 1\n  b = 2", Text("<p>Code:</p><pre>  a  = 1\n  b = 2</pre>"));
    }

    [Fact]
    public void Html_beyond_the_limit_is_not_read()
    {
        var html = "<p>Start</p>" + new string('x', HtmlText.MaxHtmlLength) + "<p>END</p>";

        Assert.DoesNotContain("END", Text(html), StringComparison.Ordinal);
    }
}
