using Microsoft.EntityFrameworkCore;
using Parley.Core.Accounts;
using Parley.Core.Conversations;
using Parley.Core.Data;
using Parley.Core.Events;
using Parley.Core.Security;

namespace Parley.Core.EndUsers;

/// <summary>Anonymous messenger sessions: an unguessable token that grants access to one end user's conversations.</summary>
public sealed class MessengerSessions(AppDbContext db, TimeProvider clock, IEventPublisher events)
{
    public const string TokenPrefix = "ms_";

    /// <summary>Creates an anonymous end user and a session for them. The token is returned once and stored hashed.</summary>
    public async Task<(EndUser EndUser, string Token)> CreateAnonymousAsync(string? language, CancellationToken ct)
    {
        if (language is not null && !SettingsService.IsLanguageTag(language))
        {
            throw ParleyProblem.Invalid("language", "The language must be a language tag such as en or pt-BR.");
        }
        var now = clock.GetUtcNow();
        var endUser = new EndUser { Id = Guid.CreateVersion7(now), Language = language, CreatedAt = now, LastSeenAt = now };
        db.EndUsers.Add(endUser);
        var token = AddSession(endUser.Id, now);
        await db.SaveChangesAsync(ct);
        return (endUser, token);
    }

    /// <summary>
    /// A session for the end user a website vouches for with a signed identity token: found by external id,
    /// or created; name, email (verified only if the token says so) and language follow the token. The
    /// anonymous visitor who was chatting before signing in to the website keeps their conversations: they
    /// move to the identified end user.
    /// </summary>
    public async Task<(EndUser EndUser, string Token)> IdentifyAsync(string? jwt, Guid? currentEndUserId, CancellationToken ct)
    {
        var secret = await db.Settings.Where(s => s.Id == AccountSettings.SingletonId).Select(s => s.IdentitySecret).FirstOrDefaultAsync(ct);
        if (string.IsNullOrEmpty(secret))
        {
            throw ParleyProblem.Forbidden("identity-verification-off", "Identity verification is not set up for this account.");
        }
        var now = clock.GetUtcNow();
        var identity = await IdentityTokens.VerifyAsync(jwt, secret, now);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var endUser = await db.EndUsers.FirstOrDefaultAsync(u => u.ExternalId == identity.ExternalId, ct);
        if (endUser is null)
        {
            endUser = new EndUser { Id = Guid.CreateVersion7(now), ExternalId = identity.ExternalId, CreatedAt = now };
            db.EndUsers.Add(endUser);
        }
        endUser.Name = identity.Name ?? endUser.Name;
        if (identity.Email is not null)
        {
            endUser.EmailVerified = identity.EmailVerified;
            endUser.Email = identity.Email;
        }
        endUser.Language = identity.Language ?? endUser.Language;
        endUser.LastSeenAt = now;
        await db.SaveChangesAsync(ct);
        Guid? mergedFrom = null;
        if (currentEndUserId is { } previous && previous != endUser.Id &&
            await db.EndUsers.AnyAsync(u => u.Id == previous && u.ExternalId == null, ct))
        {
            mergedFrom = previous;
            await db.Conversations.Where(c => c.EndUserId == previous).ExecuteUpdateAsync(u => u.SetProperty(c => c.EndUserId, endUser.Id), ct);
            await db.MessengerSessions.Where(s => s.EndUserId == previous && s.RevokedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now), ct);
        }
        var token = AddSession(endUser.Id, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        events.Publish(new EndUserChanged(EndUserView.From(endUser), mergedFrom));
        return (endUser, token);
    }

    /// <summary>The end user a token belongs to, or null for an unknown or revoked token.</summary>
    public async Task<Guid?> AuthenticateAsync(string token, CancellationToken ct)
    {
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal) || token.Length > 100)
        {
            return null;
        }
        var hash = SecretTokens.Hash(token);
        var session = await db.MessengerSessions.AsNoTracking()
            .Where(s => s.TokenHash == hash && s.RevokedAt == null)
            .Select(s => new { s.Id, s.EndUserId, s.LastUsedAt })
            .FirstOrDefaultAsync(ct);
        if (session is null)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        // Last-seen is kept to the minute, so an active messenger costs one write a minute, not one per request.
        if (session.LastUsedAt < now.AddMinutes(-1))
        {
            await db.MessengerSessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastUsedAt, now), ct);
            await db.EndUsers.Where(u => u.Id == session.EndUserId).ExecuteUpdateAsync(u => u.SetProperty(e => e.LastSeenAt, now), ct);
        }
        return session.EndUserId;
    }

    /// <summary>Adds a session for the end user (saved with the caller's changes); the token is returned, its hash stored.</summary>
    /// <summary>
    /// A new session for the end user a continuation email's signed link names, on whatever device it was
    /// opened: the link was sent to their address, so holding it is as good as reading their email.
    /// </summary>
    public async Task<string> CreateForEndUserAsync(Guid endUserId, CancellationToken ct)
    {
        if (!await db.EndUsers.AnyAsync(u => u.Id == endUserId, ct))
        {
            throw ParleyProblem.NotFound("end user");
        }
        var token = AddSession(endUserId, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return token;
    }

    private string AddSession(Guid endUserId, DateTimeOffset now)
    {
        var token = SecretTokens.Create(TokenPrefix);
        db.MessengerSessions.Add(new MessengerSession
        {
            Id = Guid.CreateVersion7(now), EndUserId = endUserId, TokenHash = SecretTokens.Hash(token), CreatedAt = now, LastUsedAt = now,
        });
        return token;
    }

    /// <summary>Ends a session (messenger log-out); the token stops working at once.</summary>
    public async Task RevokeAsync(string token, CancellationToken ct)
    {
        var hash = SecretTokens.Hash(token);
        var now = clock.GetUtcNow();
        await db.MessengerSessions.Where(s => s.TokenHash == hash && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now), ct);
    }
}
