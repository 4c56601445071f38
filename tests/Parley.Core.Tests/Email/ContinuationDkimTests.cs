using System.Security.Cryptography;
using System.Text;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using Parley.Core.Email.Outbound;

namespace Parley.Core.Tests.Email;

public sealed class ContinuationDkimTests
{
    private static readonly Lazy<RSA> Key = new(() => RSA.Create(2048));

    private static DkimSettings Settings(string pem) => new("acme.example", "parley2025", pem);

    [Fact]
    public async Task A_signed_message_verifies_with_the_published_public_key_after_a_round_trip()
    {
        var built = ContinuationMime.Build(await ContinuationMimeTests.EmailAsync("de"), ContinuationMimeTests.Envelope("email-1@acme.example"),
            Settings(Key.Value.ExportPkcs8PrivateKeyPem()));

        var read = await RoundTripAsync(built);

        Assert.True(await VerifyAsync(read));
    }

    [Fact]
    public async Task A_pkcs1_rsa_private_key_signs_too()
    {
        var built = ContinuationMime.Build(await ContinuationMimeTests.EmailAsync(), ContinuationMimeTests.Envelope(),
            Settings(Key.Value.ExportRSAPrivateKeyPem()));

        Assert.True(await VerifyAsync(await RoundTripAsync(built)));
    }

    [Fact]
    public async Task The_signature_is_relaxed_rsa_sha256_over_the_identifying_headers()
    {
        var built = ContinuationMime.Build(await ContinuationMimeTests.EmailAsync(), ContinuationMimeTests.Envelope(),
            Settings(Key.Value.ExportPkcs8PrivateKeyPem()));
        var signature = Unfold(built.Headers[HeaderId.DkimSignature] ?? "");

        Assert.Contains("a=rsa-sha256", signature, StringComparison.Ordinal);
        Assert.Contains("c=relaxed/relaxed", signature, StringComparison.Ordinal);
        Assert.Contains("d=acme.example", signature, StringComparison.Ordinal);
        Assert.Contains("s=parley2025", signature, StringComparison.Ordinal);
        var signed = signature.Split("h=")[1].Split(';')[0].Split(':').Select(h => h.Trim()).ToArray();
        Assert.Equal(
            ["from", "to", "subject", "date", "message-id", "reply-to", "list-unsubscribe", "list-unsubscribe-post", "mime-version", "content-type"],
            signed);
    }

    [Fact]
    public async Task A_message_changed_after_signing_no_longer_verifies()
    {
        var built = ContinuationMime.Build(await ContinuationMimeTests.EmailAsync(), ContinuationMimeTests.Envelope(),
            Settings(Key.Value.ExportPkcs8PrivateKeyPem()));
        built.Headers[HeaderId.ListUnsubscribe] = "<https://evil.example/unsubscribe>";

        Assert.False(await VerifyAsync(await RoundTripAsync(built)));
    }

    [Fact]
    public async Task Without_settings_the_message_is_not_signed()
    {
        var built = ContinuationMime.Build(await ContinuationMimeTests.EmailAsync(), ContinuationMimeTests.Envelope());

        Assert.False(built.Headers.Contains(HeaderId.DkimSignature));
    }

    [Theory]
    [InlineData("not a key")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")]
    [InlineData("")]
    public async Task A_bad_pem_is_refused_with_a_clear_message(string pem)
    {
        var email = await ContinuationMimeTests.EmailAsync();

        var error = Assert.Throws<ArgumentException>(() => ContinuationMime.Build(email, ContinuationMimeTests.Envelope(), Settings(pem)));

        Assert.Contains("DKIM private key", error.Message, StringComparison.Ordinal);
        Assert.Contains("BEGIN PRIVATE KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_public_key_is_refused_because_it_cannot_sign()
    {
        var email = await ContinuationMimeTests.EmailAsync();

        var error = Assert.Throws<ArgumentException>(() =>
            ContinuationMime.Build(email, ContinuationMimeTests.Envelope(), Settings(Key.Value.ExportSubjectPublicKeyInfoPem())));

        Assert.Contains("public key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_selector_is_refused()
    {
        var email = await ContinuationMimeTests.EmailAsync();

        Assert.Throws<ArgumentException>(() => ContinuationMime.Build(email, ContinuationMimeTests.Envelope(),
            new DkimSettings("acme.example", " ", Key.Value.ExportPkcs8PrivateKeyPem())));
    }

    [Fact]
    public void The_settings_never_print_the_private_key() =>
        Assert.DoesNotContain("PRIVATE", Settings(Key.Value.ExportPkcs8PrivateKeyPem()).ToString(), StringComparison.Ordinal);

    private static async Task<MimeMessage> RoundTripAsync(MimeMessage message)
    {
        using var bytes = new MemoryStream();
        await message.WriteToAsync(bytes);
        bytes.Position = 0;
        return await MimeMessage.LoadAsync(bytes);
    }

    private static async Task<bool> VerifyAsync(MimeMessage message)
    {
        var verifier = new DkimVerifier(new PublishedKey(Convert.ToBase64String(Key.Value.ExportSubjectPublicKeyInfo())));
        var index = message.Headers.IndexOf(HeaderId.DkimSignature);
        Assert.True(index >= 0, "the message has no DKIM-Signature");
        return await verifier.VerifyAsync(message, message.Headers[index]);
    }

    private static string Unfold(string header) => new StringBuilder(header).Replace("\r", "").Replace("\n", "").Replace("\t", " ").ToString();

    /// <summary>What DNS would answer for parley2025._domainkey.acme.example.</summary>
    private sealed class PublishedKey(string publicKey) : DkimPublicKeyLocatorBase
    {
        public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default)
        {
            Assert.Equal(("acme.example", "parley2025"), (domain, selector));
            return GetPublicKey($"v=DKIM1; k=rsa; p={publicKey}");
        }

        public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(LocatePublicKey(methods, domain, selector, cancellationToken));
    }
}
