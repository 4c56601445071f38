using Microsoft.EntityFrameworkCore;
using Parley.Core.Accounts;
using Parley.Core.Conversations;
using Parley.Core.Data;
using Parley.Core.EndUsers;
using Parley.Core.Events;

namespace Parley.Core.Continuity;

/// <summary>Where a valid continue link leads: the conversation, its end user, and the page it started on.</summary>
public sealed record ContinueTarget(Guid ConversationId, Guid EndUserId, string? PageUrl);

/// <summary>What the links in a continuation email do: reopen the conversation anywhere, or unsubscribe (RFC 8058).</summary>
public sealed class EmailLinks(AppDbContext db, MessengerSessions sessions, IEventPublisher events, TimeProvider clock)
{
    /// <summary>The conversation a continue link reopens, or a not-found problem for a link that is altered, expired or stale.</summary>
    public async Task<ContinueTarget> ResolveContinueAsync(string? token, CancellationToken ct)
    {
        var claims = await ReadAsync(token, LinkPurpose.Continue, ct);
        var conversation = await db.Conversations.AsNoTracking()
            .Where(c => c.Id == claims.ConversationId && c.EndUserId == claims.EndUserId)
            .Select(c => new { c.Id, c.EndUserId, c.PageUrl }).FirstOrDefaultAsync(ct) ?? throw Stale();
        return new ContinueTarget(conversation.Id, conversation.EndUserId, conversation.PageUrl);
    }

    /// <summary>A messenger session for the link's end user, and the conversation to open.</summary>
    public async Task<(string SessionToken, ContinueTarget Target)> ContinueAsync(string? token, CancellationToken ct)
    {
        var target = await ResolveContinueAsync(token, ct);
        return (await sessions.CreateForEndUserAsync(target.EndUserId, ct), target);
    }

    /// <summary>Stops continuation emails to the link's end user; doing it again changes nothing.</summary>
    public async Task UnsubscribeAsync(string? token, CancellationToken ct)
    {
        var claims = await ReadAsync(token, LinkPurpose.Unsubscribe, ct);
        var changed = await db.EndUsers.Where(u => u.Id == claims.EndUserId && !u.Unsubscribed)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Unsubscribed, true), ct);
        if (changed > 0 && await db.EndUsers.AsNoTracking().FirstOrDefaultAsync(u => u.Id == claims.EndUserId, ct) is { } user)
        {
            events.Publish(new EndUserChanged(EndUserView.From(user)));
        }
    }

    /// <summary>Whether an unsubscribe link is valid, for the confirmation page.</summary>
    public async Task<bool> IsValidUnsubscribeAsync(string? token, CancellationToken ct)
    {
        try
        {
            await ReadAsync(token, LinkPurpose.Unsubscribe, ct);
            return true;
        }
        catch (ParleyProblem)
        {
            return false;
        }
    }

    private async Task<LinkClaims> ReadAsync(string? token, LinkPurpose purpose, CancellationToken ct)
    {
        var key = await db.Settings.Where(s => s.Id == AccountSettings.SingletonId).Select(s => s.LinkSigningKey).FirstOrDefaultAsync(ct);
        return string.IsNullOrEmpty(key) ? throw Stale() : SignedLinks.Read(key, token, purpose, clock.GetUtcNow()) ?? throw Stale();
    }

    private static ParleyProblem Stale() => new(ProblemKind.NotFound, "link-expired", "This link has expired or is not valid.");
}
