using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Parley.Core.Security;

namespace Parley.Core.Continuity;

/// <summary>What a signed link lets its holder do.</summary>
public enum LinkPurpose : byte
{
    /// <summary>Reopen the conversation in the messenger, on any device.</summary>
    Continue = 1,
    /// <summary>Stop continuation emails to the end user (one click, RFC 8058).</summary>
    Unsubscribe = 2,
}

/// <summary>What a valid link says.</summary>
public sealed record LinkClaims(LinkPurpose Purpose, Guid ConversationId, Guid EndUserId, DateTimeOffset ExpiresAt);

/// <summary>
/// Links in emails carry their own claims, signed with HMAC-SHA256 under the account's link key (shared by
/// every server through the database): purpose, conversation, end user and expiry. Nothing is stored per
/// link, and a link for one purpose is useless for another.
/// </summary>
public static class SignedLinks
{
    private const int PayloadLength = 1 + 16 + 16 + 8;
    private const int MacLength = 32;

    /// <summary>A new random key for <see cref="Accounts.AccountSettings.LinkSigningKey"/>.</summary>
    public static string NewKey() => SecretTokens.Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Create(string key, LinkClaims claims)
    {
        Span<byte> token = stackalloc byte[PayloadLength + MacLength];
        token[0] = (byte)claims.Purpose;
        claims.ConversationId.TryWriteBytes(token[1..17]);
        claims.EndUserId.TryWriteBytes(token[17..33]);
        BinaryPrimitives.WriteInt64BigEndian(token[33..41], claims.ExpiresAt.ToUnixTimeSeconds());
        HMACSHA256.HashData(KeyBytes(key), token[..PayloadLength], token[PayloadLength..]);
        return SecretTokens.Base64Url(token);
    }

    /// <summary>The claims of a link that is well formed, signed with <paramref name="key"/>, for <paramref name="purpose"/> and not expired; else null.</summary>
    public static LinkClaims? Read(string key, string? token, LinkPurpose purpose, DateTimeOffset now)
    {
        if (token is null || token.Length is 0 or > 100)
        {
            return null;
        }
        var bytes = new byte[System.Buffers.Text.Base64Url.GetMaxDecodedLength(token.Length)];
        if (System.Buffers.Text.Base64Url.DecodeFromChars(token, bytes, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != PayloadLength + MacLength || bytes[0] != (byte)purpose)
        {
            return null;
        }
        var expected = HMACSHA256.HashData(KeyBytes(key), bytes.AsSpan(0, PayloadLength));
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(PayloadLength, MacLength)))
        {
            return null;
        }
        var expires = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(33, 8)));
        return expires <= now ? null : new LinkClaims(purpose, new Guid(bytes.AsSpan(1, 16)), new Guid(bytes.AsSpan(17, 16)), expires);
    }

    private static byte[] KeyBytes(string key) => Encoding.UTF8.GetBytes(key);
}
