using Parley.Core.Conversations;

namespace Parley.Core.Tests.Conversations;

public sealed class MessageInputRulesTests
{
    private readonly LimitsOptions _limits = new();

    private static void AssertInvalid(string field, Action action)
    {
        var problem = Assert.Throws<ParleyProblem>(action);
        Assert.Equal(ProblemKind.Validation, problem.Kind);
        Assert.NotNull(problem.Errors);
        Assert.True(problem.Errors.ContainsKey(field), $"expected an error for {field}");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n ")]
    public void Empty_or_whitespace_text_is_refused(string? text)
    {
        AssertInvalid("text", () => MessageInputRules.Text(text, _limits));
    }

    [Fact]
    public void Text_is_trimmed()
    {
        Assert.Equal("Hello there", MessageInputRules.Text("  Hello there \n", _limits));
    }

    [Fact]
    public void Text_at_the_length_limit_is_accepted()
    {
        var text = new string('a', _limits.MaxMessageLength);

        Assert.Equal(text, MessageInputRules.Text(text, _limits));
    }

    [Fact]
    public void Text_over_the_length_limit_is_refused()
    {
        AssertInvalid("text", () => MessageInputRules.Text(new string('a', _limits.MaxMessageLength + 1), _limits));
    }

    [Fact]
    public void Length_limit_is_counted_after_trimming()
    {
        var text = "  " + new string('a', _limits.MaxMessageLength) + "  ";

        Assert.Equal(_limits.MaxMessageLength, MessageInputRules.Text(text, _limits).Length);
    }

    [Fact]
    public void Configured_length_limit_is_honoured()
    {
        var limits = new LimitsOptions { MaxMessageLength = 5 };

        Assert.Equal("abcde", MessageInputRules.Text("abcde", limits));
        AssertInvalid("text", () => MessageInputRules.Text("abcdef", limits));
    }

    [Fact]
    public void Text_with_a_nul_character_is_refused()
    {
        AssertInvalid("text", () => MessageInputRules.Text("Hello\0there", _limits));
    }

    [Fact]
    public void Missing_client_id_is_allowed()
    {
        Assert.Null(MessageInputRules.ClientId(null, _limits));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("0192f0e2-7c3b-7d1e-9f00-1a2b3c4d5e6f")]
    [InlineData("msg_1.retry:2")]
    [InlineData("ABCxyz789")]
    public void Client_id_of_letters_digits_and_separators_is_accepted(string clientId)
    {
        Assert.Equal(clientId, MessageInputRules.ClientId(clientId, _limits));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("has space")]
    [InlineData("slash/id")]
    [InlineData("ünïcode")]
    [InlineData("semi;colon")]
    [InlineData("<script>")]
    public void Client_id_with_other_characters_is_refused(string clientId)
    {
        AssertInvalid("clientId", () => MessageInputRules.ClientId(clientId, _limits));
    }

    [Fact]
    public void Client_id_at_the_length_limit_is_accepted_and_one_more_is_refused()
    {
        var atLimit = new string('x', _limits.MaxClientIdLength);

        Assert.Equal(atLimit, MessageInputRules.ClientId(atLimit, _limits));
        AssertInvalid("clientId", () => MessageInputRules.ClientId(atLimit + "x", _limits));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Missing_page_url_is_allowed(string? url)
    {
        Assert.Null(MessageInputRules.PageUrl(url, _limits));
    }

    [Theory]
    [InlineData("https://shop.example.com/cart?item=1", "https://shop.example.com/cart?item=1")]
    [InlineData("http://localhost:5000/", "http://localhost:5000/")]
    [InlineData("HTTPS://Shop.Example.com", "https://shop.example.com/")]
    public void Http_and_https_page_urls_are_accepted(string url, string expected)
    {
        Assert.Equal(expected, MessageInputRules.PageUrl(url, _limits));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://example.com/file")]
    [InlineData("file:///etc/passwd")]
    [InlineData("data:text/html,hi")]
    [InlineData("/relative/path")]
    [InlineData("not a url")]
    public void Other_page_urls_are_refused(string url)
    {
        AssertInvalid("pageUrl", () => MessageInputRules.PageUrl(url, _limits));
    }

    [Fact]
    public void Page_url_over_the_length_limit_is_refused()
    {
        const string prefix = "https://example.com/";
        var atLimit = prefix + new string('a', _limits.MaxPageUrlLength - prefix.Length);

        Assert.Equal(atLimit, MessageInputRules.PageUrl(atLimit, _limits));
        AssertInvalid("pageUrl", () => MessageInputRules.PageUrl(atLimit + "a", _limits));
    }
}
