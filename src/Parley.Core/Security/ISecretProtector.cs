namespace Parley.Core.Security;

/// <summary>
/// Encrypts secrets kept in the database (SMTP passwords, DKIM keys) with keys every server shares; the
/// host provides it (ASP.NET Core data protection, keys in the database).
/// </summary>
public interface ISecretProtector
{
    string Protect(string secret);

    /// <summary>The secret, or null when it cannot be decrypted (keys lost or data altered).</summary>
    string? Unprotect(string protectedSecret);
}
