using Parley.Core.Email.Inbound.Addressing;

namespace Parley.Core.Tests.Email.Inbound.Addressing;

public sealed class ReplyTokensTests
{
    private const string Token = "q4mz7tkw2xbn5hdrj3vp6yclae";
    private static readonly string[] Support = ["support@acme.example"];

    [Fact]
    public void The_token_is_read_from_to_with_a_display_name() =>
        Assert.Equal(Token, ReplyTokens.Find(Mails.WithHeaders($"To: \"Acme Support\" <support+{Token}@acme.example>"), Support));

    [Fact]
    public void The_token_is_read_from_cc_when_to_is_someone_else() =>
        Assert.Equal(Token, ReplyTokens.Find(Mails.WithHeaders("To: colleague@visitor.example", $"Cc: Acme <support+{Token}@acme.example>"), Support));

    [Theory]
    [InlineData("Delivered-To")]
    [InlineData("X-Original-To")]
    [InlineData("Envelope-To")]
    [InlineData("X-Forwarded-To")]
    public void The_token_is_read_from_the_delivery_headers_when_the_visible_recipients_lack_it(string header) =>
        Assert.Equal(Token, ReplyTokens.Find(Mails.WithHeaders("To: Acme <support@acme.example>", $"{header}: support+{Token}@acme.example"), Support));

    [Fact]
    public void An_upper_cased_address_gives_the_lower_case_token() =>
        Assert.Equal(Token, ReplyTokens.Find(Mails.WithHeaders($"To: SUPPORT+{Token.ToUpperInvariant()}@ACME.EXAMPLE"), Support));

    [Theory]
    [InlineData("support+{0}@other.example")]
    [InlineData("sales+{0}@acme.example")]
    [InlineData("support-{0}@acme.example")]
    [InlineData("support+{0}@acme.example.evil.example")]
    public void An_address_that_is_not_a_support_address_gives_no_token(string address) =>
        Assert.Null(ReplyTokens.Find(Mails.WithHeaders("To: " + string.Format(null, address, Token)), Support));

    [Theory]
    [InlineData("q4mz7tkw2xbn5hdrj3vp6ycla")]   // 25
    [InlineData("q4mz7tkw2xbn5hdrj3vp6yclaee")] // 27
    [InlineData("q4mz7tkw2xbn5hdrj3vp6ycla1")]  // 1 is not base32
    [InlineData("q4mz7tkw2xbn5hdrj3vp6ycla8")]  // nor 8
    [InlineData("q4mz7tkw2xbn5hdr-3vp6yclae")]
    public void A_token_of_the_wrong_length_or_alphabet_is_ignored(string token) =>
        Assert.Null(ReplyTokens.Find(Mails.WithHeaders($"To: support+{token}@acme.example"), Support));

    [Fact]
    public void A_wrong_token_in_to_does_not_hide_a_right_one_in_delivered_to() =>
        Assert.Equal(Token, ReplyTokens.Find(Mails.WithHeaders("To: support+short@acme.example", $"Delivered-To: support+{Token}@acme.example"), Support));

    [Fact]
    public void To_is_preferred_over_the_delivery_headers()
    {
        const string other = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
        Assert.Equal(Token, ReplyTokens.Find(Mails.WithHeaders($"To: support+{Token}@acme.example", $"Delivered-To: support+{other}@acme.example"), Support));
    }

    [Fact]
    public void Any_of_several_support_addresses_matches() =>
        Assert.Equal(Token, ReplyTokens.Find(Mails.WithHeaders($"To: help+{Token}@beta.example"), ["support@acme.example", "Help@Beta.Example"]));

    [Fact]
    public void A_support_address_with_a_plus_of_its_own_takes_the_token_after_it() =>
        Assert.Equal(Token, ReplyTokens.Find(Mails.WithHeaders($"To: help+acme+{Token}@mail.example"), ["help+acme@mail.example"]));

    [Fact]
    public void An_internationalised_support_domain_matches_its_punycode_and_unicode_forms()
    {
        string[] support = ["support@bücher.example"];
        Assert.Equal(Token, ReplyTokens.Find(Mails.WithHeaders($"To: support+{Token}@xn--bcher-kva.example"), support));
        Assert.Equal(Token, ReplyTokens.Find(Mails.WithHeaders($"Delivered-To: support+{Token}@BÜCHER.example"), support));
    }

    [Fact]
    public void A_delivery_header_that_is_not_an_address_list_is_still_searched() =>
        Assert.Equal(Token, ReplyTokens.Find(Mails.WithHeaders($"Envelope-To: support+{Token}@acme.example, ;; <"), Support));

    [Fact]
    public void No_support_addresses_means_no_token() =>
        Assert.Null(ReplyTokens.Find(Mails.WithHeaders($"To: support+{Token}@acme.example"), []));
}
