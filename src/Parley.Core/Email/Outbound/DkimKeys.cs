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
    public static string? Problem(string privateKeyPem) =>
        privateKeyPem.Length > 16_000 ? "The key is too long." : Read(privateKeyPem, out _, out _);

    public static DkimSigner Signer(DkimSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.Domain) || string.IsNullOrWhiteSpace(settings.Selector))
        {
            throw new ArgumentException("DKIM signing needs a domain and a selector.", nameof(settings));
        }
        if (Read(settings.PrivateKeyPem, out var parameters, out var cause) is { } problem)
        {
            throw new ArgumentException(cause is null ? problem : $"{problem} ({cause.Message})", nameof(settings), cause);
        }
        var key = DotNetUtilities.GetRsaKeyPair(parameters).Private;
        return new DkimSigner(key, settings.Domain.Trim(), settings.Selector.Trim(), DkimSignatureAlgorithm.RsaSha256)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };
    }

    /// <summary>Reads an RSA private key from PEM; null when it can sign, else what is wrong (and the exception behind it).</summary>
    private static string? Read(string pem, out RSAParameters parameters, out Exception? cause)
    {
        parameters = default;
        cause = null;
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            cause = e;
            return "The DKIM private key is not a usable PEM RSA private key: expected an unencrypted block starting with " +
                "\"-----BEGIN PRIVATE KEY-----\" or \"-----BEGIN RSA PRIVATE KEY-----\"";
        }
        if (rsa.KeySize < MinimumKeyBits)
        {
            return $"The DKIM private key has {rsa.KeySize} bits; use at least {MinimumKeyBits} (2048 is usual).";
        }
        // ImportFromPem accepts a public key too, which cannot sign.
        try
        {
            parameters = rsa.ExportParameters(includePrivateParameters: true);
            return null;
        }
        catch (CryptographicException)
        {
            return "The DKIM key is a public key; signing needs the private key.";
        }
    }
}
