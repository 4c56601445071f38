using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Core.Data;
using Parley.Core.Security;

namespace Parley.Core.Accounts;

public enum SignInOutcome
{
    Success,
    WrongCredentials,
    LockedOut,
}

public sealed record SignInResult(SignInOutcome Outcome, Agent? Agent = null, DateTimeOffset? LockedUntil = null);

/// <summary>Password sign-in with lockout after repeated failures.</summary>
public sealed class AgentSignIn(AppDbContext db, PasswordHasher hasher, TimeProvider clock, IOptions<SignInOptions> options)
{
    // Verifying against a throwaway hash keeps the time of "no such agent" the same as "wrong password".
    private readonly Lazy<string> _decoyHash = new(() => hasher.Hash(PasswordHasher.Generate()));

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    public async Task<SignInResult> SignInAsync(string? email, string? password, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password) || email.Length > 320 || password.Length > 1024)
        {
            return new SignInResult(SignInOutcome.WrongCredentials);
        }
        var normalized = Normalize(email);
        var agent = await db.Agents.FirstOrDefaultAsync(a => a.NormalizedEmail == normalized, ct);
        var now = clock.GetUtcNow();
        if (agent is null || !agent.IsActive)
        {
            hasher.Verify(password, _decoyHash.Value);
            return new SignInResult(SignInOutcome.WrongCredentials);
        }
        if (agent.LockedUntil is { } until && until > now)
        {
            return new SignInResult(SignInOutcome.LockedOut, LockedUntil: until);
        }
        if (!hasher.Verify(password, agent.PasswordHash))
        {
            agent.FailedSignInCount++;
            if (agent.FailedSignInCount >= options.Value.MaxFailedAttempts)
            {
                agent.LockedUntil = now.AddMinutes(options.Value.LockoutMinutes);
                agent.FailedSignInCount = 0;
                await db.SaveChangesAsync(ct);
                return new SignInResult(SignInOutcome.LockedOut, LockedUntil: agent.LockedUntil);
            }
            await db.SaveChangesAsync(ct);
            return new SignInResult(SignInOutcome.WrongCredentials);
        }
        agent.FailedSignInCount = 0;
        agent.LockedUntil = null;
        agent.LastSignInAt = now;
        await db.SaveChangesAsync(ct);
        return new SignInResult(SignInOutcome.Success, agent);
    }
}
