using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Parley.Core.Security;

/// <summary>PBKDF2-HMAC-SHA512 password hashes, stored as "pbkdf2-sha512$iterations$salt$hash".</summary>
public sealed class PasswordHasher(IOptions<SignInOptions> options)
{
    private const string Scheme = "pbkdf2-sha512";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    // A tampered stored value must not be able to make one sign-in take minutes.
    private const int MaxIterations = 10_000_000;

    public string Hash(string password)
    {
        var iterations = options.Value.PasswordIterations;
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA512, HashBytes);
        return string.Join('$', Scheme, iterations.ToString(CultureInfo.InvariantCulture),
            Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    public bool Verify(string password, string stored)
    {
        // A damaged stored value is a failed verification, never an exception, and an empty hash must not match.
        var parts = stored.Split('$');
        var salt = new byte[SaltBytes];
        var expected = new byte[HashBytes];
        if (parts.Length != 4 || parts[0] != Scheme ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations is < 1 or > MaxIterations ||
            !Convert.TryFromBase64String(parts[2], salt, out var saltLength) || saltLength != SaltBytes ||
            !Convert.TryFromBase64String(parts[3], expected, out var hashLength) || hashLength != HashBytes)
        {
            return false;
        }
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA512, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>A password that is long, random and printable, for generated first-run credentials.</summary>
    public static string Generate()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Create(20, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
        });
    }
}
