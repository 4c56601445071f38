using Parley.Core.Email.Inbound.Addressing;

namespace Parley.Core.Tests.Email.Inbound.Addressing;

public sealed class EmailAddressesTests
{
    [Theory]
    [InlineData("Ann@Example.COM", "ann@example.com")]
    [InlineData("  ann@example.com\r\n ", "ann@example.com")]
    [InlineData("<ann@example.com>", "ann@example.com")]
    [InlineData("Ann Lee <Ann@Example.com>", "ann@example.com")]
    [InlineData("ann@example.com.", "ann@example.com")]
    [InlineData("\"ann\"@example.com", "ann@example.com")]
    public void Case_whitespace_brackets_and_display_names_do_not_change_the_mailbox(string input, string expected) =>
        Assert.Equal(expected, EmailAddresses.Normalize(input));

    [Fact]
    public void An_internationalised_domain_is_compared_in_its_ascii_form() =>
        Assert.Equal("ann@xn--bcher-kva.example", EmailAddresses.Normalize("ann@Bücher.example"));

    [Fact]
    public void A_unicode_domain_and_its_punycode_are_the_same_mailbox() =>
        Assert.True(EmailAddresses.SameMailbox("ann@bücher.example", "ANN@xn--bcher-kva.example"));

    [Fact]
    public void Composed_and_decomposed_accents_are_the_same_mailbox() =>
        Assert.True(EmailAddresses.SameMailbox("jos\u00e9@example.com", "jose\u0301@example.com"));

    [Theory]
    [InlineData("ann@gmail.com", "ann+support@gmail.com")]
    [InlineData("ann@gmail.com", "a.nn@gmail.com")]
    [InlineData("ann@example.com", "ann@example.org")]
    [InlineData("ann@example.com", "anne@example.com")]
    public void Plus_tags_dots_and_other_domains_are_other_mailboxes(string a, string b)
    {
        Assert.False(EmailAddresses.SameMailbox(a, b));
        Assert.NotEqual(EmailAddresses.Normalize(a), EmailAddresses.Normalize(b));
    }

    [Theory]
    [InlineData(null, "ann@example.com")]
    [InlineData("", "")]
    [InlineData("  ", "  ")]
    public void A_missing_address_is_nobody_s_mailbox(string? a, string? b) =>
        Assert.False(EmailAddresses.SameMailbox(a, b));

    [Fact]
    public void An_address_literal_is_kept_as_written() =>
        Assert.Equal("ann@[192.0.2.1]", EmailAddresses.Normalize("Ann@[192.0.2.1]"));
}
