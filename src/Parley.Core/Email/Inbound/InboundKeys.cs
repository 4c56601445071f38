using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Accounts;
using Parley.Core.Data;
using Parley.Core.Security;

namespace Parley.Core.Email.Inbound;

/// <summary>
/// The secret mail servers and providers present when they POST incoming email to Parley. One per
/// account, made by an admin, shown again on request (it is stored encrypted), replaced at will.
/// </summary>
public sealed class InboundKeys(AppDbContext db, ISecretProtector secrets)
{
    private const string Prefix = "pin_";

    /// <summary>The current key, or null before an admin made one.</summary>
    public async Task<string?> GetAsync(CancellationToken ct)
    {
        var stored = await db.Settings.AsNoTracking().Where(s => s.Id == AccountSettings.SingletonId).Select(s => s.InboundKeyProtected).FirstAsync(ct);
        return stored.Length == 0 ? null : secrets.Unprotect(stored);
    }

    /// <summary>Makes a new key; the old one stops working at once.</summary>
    public async Task<string> RenewAsync(CancellationToken ct)
    {
        var key = Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var protectedKey = secrets.Protect(key);
        await db.Settings.Where(s => s.Id == AccountSettings.SingletonId).ExecuteUpdateAsync(u => u.SetProperty(s => s.InboundKeyProtected, protectedKey), ct);
        return key;
    }

    /// <summary>Whether <paramref name="presented"/> is the current key, compared in constant time.</summary>
    public async Task<bool> VerifyAsync(string? presented, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > 200 || await GetAsync(ct) is not { } key)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(key));
    }
}
