using Parley.Core.Security;

namespace Parley.Core.Tests.Security;

public sealed class SecretTokensTests
{
    [Fact]
    public void Token_starts_with_its_prefix_followed_by_32_bytes_in_base64url()
    {
        var token = SecretTokens.Create("pat_");

        Assert.StartsWith("pat_", token, StringComparison.Ordinal);
        var body = token["pat_".Length..];
        Assert.Equal(43, body.Length);
        Assert.All(body, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_', $"'{c}' is not base64url"));
    }

    [Fact]
    public void Tokens_are_unique()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => SecretTokens.Create("ms_")).ToHashSet();

        Assert.Equal(1000, tokens.Count);
    }

    [Fact]
    public void Hash_is_lower_case_sha256_hex()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", SecretTokens.Hash("abc"));
    }

    [Fact]
    public void Hash_of_a_token_is_stable()
    {
        var token = SecretTokens.Create("pat_");

        var hash = SecretTokens.Hash(token);

        Assert.Equal(hash, SecretTokens.Hash(token));
        Assert.Equal(64, hash.Length);
        Assert.All(hash, c => Assert.True(char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c), $"'{c}' is not lower-case hex"));
    }

    [Fact]
    public void Different_tokens_have_different_hashes()
    {
        var first = SecretTokens.Create("pat_");
        var second = SecretTokens.Create("pat_");

        Assert.NotEqual(SecretTokens.Hash(first), SecretTokens.Hash(second));
    }

    [Fact]
    public void Base64url_uses_url_safe_characters_without_padding()
    {
        Assert.Equal("-_8", SecretTokens.Base64Url([0xfb, 0xff]));
    }
}
