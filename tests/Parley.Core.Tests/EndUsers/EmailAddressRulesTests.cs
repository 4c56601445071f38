using Parley.Core.EndUsers;

namespace Parley.Core.Tests.EndUsers;

public sealed class EmailAddressRulesTests
{
    [Theory]
    [InlineData("jamie@example.com", "jamie@example.com")]
    [InlineData("  jamie@example.com  ", "jamie@example.com")]
    [InlineData("first.last+tag@sub.example.co.uk", "first.last+tag@sub.example.co.uk")]
    [InlineData("UPPER@EXAMPLE.COM", "UPPER@EXAMPLE.COM")]
    public void A_plain_address_is_accepted_trimmed(string input, string expected) =>
        Assert.Equal(expected, EmailAddressRules.Check(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("jamie")]
    [InlineData("jamie@")]
    [InlineData("@example.com")]
    [InlineData("jamie@example")]
    [InlineData("jamie@.example.com")]
    [InlineData("jamie@example.com.")]
    [InlineData("ja mie@example.com")]
    [InlineData("jamie..r@example.com")]
    [InlineData("Jamie <jamie@example.com>")]
    [InlineData("a@b@example.com")]
    public void Something_that_is_not_an_address_is_refused_as_invalid(string? input)
    {
        var problem = Assert.Throws<ParleyProblem>(() => EmailAddressRules.Check(input));
        Assert.Equal("invalid-email", problem.Code);
        Assert.Equal(ProblemKind.Validation, problem.Kind);
    }

    [Theory]
    [InlineData("jérôme@example.com")]
    [InlineData("jamie@exämple.com")]
    [InlineData("ñandú@example.es")]
    [InlineData("用户@example.cn")]
    public void An_address_with_accented_or_non_latin_characters_is_refused_as_accented(string input)
    {
        var problem = Assert.Throws<ParleyProblem>(() => EmailAddressRules.Check(input));
        Assert.Equal("accented-email", problem.Code);
    }

    [Fact]
    public void An_address_longer_than_254_characters_is_refused() =>
        Assert.Equal("invalid-email", Assert.Throws<ParleyProblem>(() => EmailAddressRules.Check(new string('a', 250) + "@example.com")).Code);
}
