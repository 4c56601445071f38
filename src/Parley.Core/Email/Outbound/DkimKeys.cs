using System.Security.Cryptography;
using MimeKit.Cryptography;
using Org.BouncyCastle.Security;

namespace Parley.Core.Email.Outbound;

/// <summary>
/// Makes MimeKit's DKIM signer (relaxed/relaxed, rsa-sha256) from settings. The PEM is read by .NET, which names
/// what is wrong with a bad key far more clearly than a generic parse failure, then handed to MimeKit.
/// </summary>
internal static class DkimKeys
{
    /// <summary>Receivers ignore signatures from shorter RSA keys (RFC 8301).</summary>
    public const int MinimumKeyBits = 1024;

    /// <summary>Null for a key that can sign, else what is wrong with it: for the admin saving a support address.</summary>
    public static string? Problem(string privateKeyPem)
    {
        if (privateKeyPem.Length > 16_000)
        {
            return "The key is too long.";
        }
        try
        {
            Signer(new DkimSettings("example.invalid", "check", privateKeyPem));
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message.Split(" (", 2)[0].Split(" (Parameter", 2)[0];
        }
    }

    public static DkimSigner Signer(DkimSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.Domain) || string.IsNullOrWhiteSpace(settings.Selector))
        {
            throw new ArgumentException("DKIM signing needs a domain and a selector.", nameof(settings));
        }
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(settings.PrivateKeyPem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new ArgumentException(
                "The DKIM private key is not a usable PEM RSA private key: expected an unencrypted block starting with " +
                $"\"-----BEGIN PRIVATE KEY-----\" or \"-----BEGIN RSA PRIVATE KEY-----\" ({e.Message})", nameof(settings), e);
        }
        if (rsa.KeySize < MinimumKeyBits)
        {
            throw new ArgumentException($"The DKIM private key has {rsa.KeySize} bits; use at least {MinimumKeyBits} (2048 is usual).", nameof(settings));
        }
        // ImportFromPem accepts a public key too, which cannot sign.
        RSAParameters parameters;
        try
        {
            parameters = rsa.ExportParameters(includePrivateParameters: true);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException("The DKIM key is a public key; signing needs the private key.", nameof(settings), e);
        }
        var key = DotNetUtilities.GetRsaKeyPair(parameters).Private;
        return new DkimSigner(key, settings.Domain.Trim(), settings.Selector.Trim(), DkimSignatureAlgorithm.RsaSha256)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };
    }
}
