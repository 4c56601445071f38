using Parley.Core.Continuity;

namespace Parley.Core.Tests.Continuity;

public sealed class SignedLinksTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly string Key = SignedLinks.NewKey();
    private static readonly LinkClaims Claims = new(LinkPurpose.Continue, Guid.NewGuid(), Guid.NewGuid(), Now.AddDays(30));

    [Fact]
    public void A_link_reads_back_its_claims_until_it_expires()
    {
        var token = SignedLinks.Create(Key, Claims);

        Assert.Equal(Claims with { ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(Claims.ExpiresAt.ToUnixTimeSeconds()) },
            SignedLinks.Read(Key, token, LinkPurpose.Continue, Now.AddDays(29)));
        Assert.Null(SignedLinks.Read(Key, token, LinkPurpose.Continue, Now.AddDays(30)));
    }

    [Fact]
    public void A_link_is_refused_for_another_purpose_under_another_key_or_when_altered()
    {
        var token = SignedLinks.Create(Key, Claims);
        var altered = (token[5] == 'A' ? "B" : "A") is var c ? token[..5] + c + token[6..] : token;

        Assert.Null(SignedLinks.Read(Key, token, LinkPurpose.Unsubscribe, Now));
        Assert.Null(SignedLinks.Read(SignedLinks.NewKey(), token, LinkPurpose.Continue, Now));
        Assert.Null(SignedLinks.Read(Key, altered, LinkPurpose.Continue, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a token")]
    [InlineData("AAAA")]
    [InlineData("%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%")]
    public void Anything_that_is_not_a_link_is_refused(string? token) =>
        Assert.Null(SignedLinks.Read(Key, token, LinkPurpose.Continue, Now));
}
