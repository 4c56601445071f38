using Microsoft.Extensions.Options;
using Parley.Core.Security;

namespace Parley.Core.Tests.Security;

public sealed class PasswordHasherTests
{
    private const string Password = "correct horse battery staple";
    private const string GeneratedAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private readonly PasswordHasher _hasher = new(Options.Create(TestDatabase.FastSignIn));

    [Fact]
    public void Right_password_verifies()
    {
        var stored = _hasher.Hash(Password);

        Assert.True(_hasher.Verify(Password, stored));
    }

    [Theory]
    [InlineData("correct horse battery stapl")]
    [InlineData("Correct horse battery staple")]
    [InlineData("correct horse battery staple ")]
    [InlineData("")]
    public void Wrong_password_does_not_verify(string attempt)
    {
        var stored = _hasher.Hash(Password);

        Assert.False(_hasher.Verify(attempt, stored));
    }

    [Fact]
    public void Stored_value_names_the_scheme_and_the_configured_iterations()
    {
        var parts = _hasher.Hash(Password).Split('$');

        Assert.Equal(4, parts.Length);
        Assert.Equal("pbkdf2-sha512", parts[0]);
        Assert.Equal("10000", parts[1]);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
    }

    [Fact]
    public void Same_password_gets_a_different_salt_and_hash_each_time()
    {
        var first = _hasher.Hash(Password);
        var second = _hasher.Hash(Password);

        Assert.NotEqual(first.Split('$')[2], second.Split('$')[2]);
        Assert.NotEqual(first.Split('$')[3], second.Split('$')[3]);
        Assert.True(_hasher.Verify(Password, first));
        Assert.True(_hasher.Verify(Password, second));
    }

    [Fact]
    public void Hash_made_with_other_iterations_still_verifies()
    {
        var stronger = new PasswordHasher(Options.Create(new SignInOptions { PasswordIterations = 20_000 }));
        var stored = stronger.Hash(Password);

        Assert.True(_hasher.Verify(Password, stored));
    }

    [Fact]
    public void Tampered_hash_does_not_verify()
    {
        var parts = _hasher.Hash(Password).Split('$');
        var hash = Convert.FromBase64String(parts[3]);
        hash[0] ^= 0x01;
        parts[3] = Convert.ToBase64String(hash);

        Assert.False(_hasher.Verify(Password, string.Join('$', parts)));
    }

    [Fact]
    public void Tampered_salt_does_not_verify()
    {
        var parts = _hasher.Hash(Password).Split('$');
        var salt = Convert.FromBase64String(parts[2]);
        salt[^1] ^= 0x80;
        parts[2] = Convert.ToBase64String(salt);

        Assert.False(_hasher.Verify(Password, string.Join('$', parts)));
    }

    [Fact]
    public void Tampered_iteration_count_does_not_verify()
    {
        var parts = _hasher.Hash(Password).Split('$');
        parts[1] = "10001";

        Assert.False(_hasher.Verify(Password, string.Join('$', parts)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a hash")]
    [InlineData("pbkdf2-sha256$10000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha512$10000$AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("pbkdf2-sha512$-1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha512$0$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha512$ten$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha512$10000$not*base64$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha512$10000$AAAAAAAAAAAAAAAAAAAAAA==$not*base64")]
    [InlineData("pbkdf2-sha512$10000$AAAAAAAAAAAAAAAAAAAAAA==$AAAA")]
    [InlineData("pbkdf2-sha512$10000$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void Malformed_stored_value_does_not_verify(string stored)
    {
        Assert.False(_hasher.Verify(Password, stored));
    }

    [Fact]
    public void Stored_value_with_the_hash_cut_off_does_not_verify_any_password()
    {
        // An empty expected hash must not compare equal to an empty derived hash.
        var parts = _hasher.Hash(Password).Split('$');
        parts[3] = "";

        Assert.False(_hasher.Verify("anything at all", string.Join('$', parts)));
    }

    [Fact]
    public void Generated_password_is_20_characters_from_the_unambiguous_alphabet()
    {
        for (var i = 0; i < 50; i++)
        {
            var password = PasswordHasher.Generate();

            Assert.Equal(20, password.Length);
            Assert.All(password, c => Assert.Contains(c, GeneratedAlphabet));
        }
    }

    [Fact]
    public void Generated_passwords_differ()
    {
        var passwords = Enumerable.Range(0, 100).Select(_ => PasswordHasher.Generate()).ToHashSet();

        Assert.Equal(100, passwords.Count);
    }
}
