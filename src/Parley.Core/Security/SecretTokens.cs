using System.Security.Cryptography;
using System.Text;

namespace Parley.Core.Security;

/// <summary>Unguessable tokens (256 random bits) and the hashes they are stored as.</summary>
public static class SecretTokens
{
    /// <summary>A new token: the prefix says what it is for, the rest is 32 random bytes in base64url.</summary>
    public static string Create(string prefix) =>
        prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>SHA-256 in hex. Tokens carry 256 bits of entropy, so a fast hash is safe to store.</summary>
    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string Base64Url(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
