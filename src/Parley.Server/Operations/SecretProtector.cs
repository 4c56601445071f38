using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Parley.Core.Security;

namespace Parley.Server.Operations;

/// <summary>
/// Secrets kept in the database (SMTP passwords, DKIM keys) encrypted with the data-protection keys every
/// server shares, under a purpose of their own, so a copy of those columns alone reveals nothing.
/// </summary>
public sealed class SecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("Parley.Secrets.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string? Unprotect(string protectedSecret)
    {
        try
        {
            return _protector.Unprotect(protectedSecret);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
