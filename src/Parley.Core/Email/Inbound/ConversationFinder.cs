using Microsoft.EntityFrameworkCore;
using MimeKit;
using Parley.Core.Data;
using Parley.Core.Email.Inbound.Addressing;

namespace Parley.Core.Email.Inbound;

/// <summary>The conversation an email belongs to, its end user (to compare the sender with), and which strategy found it.</summary>
public sealed record RouteFound(Guid ConversationId, Guid EndUserId, string? EndUserEmail, string RoutedBy);

/// <summary>One way of telling which conversation an email replies to.</summary>
public interface IConversationRoute
{
    Task<RouteFound?> FindAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>
/// Finds the conversation an email replies to by asking a chain of small strategies in order: the
/// Reply-To token in a recipient address (unguessable, survives clients that drop headers), then
/// In-Reply-To and References naming one of Parley's own Message-IDs on one of its domains.
/// </summary>
public sealed class ConversationFinder(AppDbContext db)
{
    public async Task<RouteFound?> FindAsync(MimeMessage message, CancellationToken ct)
    {
        var addresses = await db.SupportAddresses.AsNoTracking().Select(a => a.Address).ToListAsync(ct);
        IConversationRoute[] routes = [new ReplyTokenRoute(db, addresses), new ThreadHeaderRoute(db, [.. addresses.Select(a => a[(a.LastIndexOf('@') + 1)..]).Distinct()])];
        foreach (var route in routes)
        {
            if (await route.FindAsync(message, ct) is { } found)
            {
                return found;
            }
        }
        return null;
    }

    /// <summary>The conversation a route's query names, with its end user, in one round trip.</summary>
    internal static Task<RouteFound?> RouteAsync(AppDbContext db, IQueryable<Conversations.Conversation> conversations, string routedBy, CancellationToken ct) =>
        (from c in conversations
         join u in db.EndUsers on c.EndUserId equals u.Id
         select new RouteFound(c.Id, u.Id, u.Email, routedBy)).FirstOrDefaultAsync(ct);
}

/// <summary>support+token@domain in To, Cc or the delivery headers: the token Parley put in the email's Reply-To.</summary>
public sealed class ReplyTokenRoute(AppDbContext db, IReadOnlyCollection<string> supportAddresses) : IConversationRoute
{
    public async Task<RouteFound?> FindAsync(MimeMessage message, CancellationToken ct)
    {
        if (ReplyTokens.Find(message, supportAddresses) is not { } token)
        {
            return null;
        }
        return await ConversationFinder.RouteAsync(db, db.Conversations.Where(c => c.ReplyToken == token), "reply-token", ct);
    }
}

/// <summary>
/// In-Reply-To, then References, naming an email Parley sent (its Message-ID is the outbox row's id) or a
/// conversation's thread id (conversation-&lt;id&gt;@domain), which every email of a conversation refers to.
/// </summary>
public sealed class ThreadHeaderRoute(AppDbContext db, IReadOnlyCollection<string> supportDomains) : IConversationRoute
{
    public async Task<RouteFound?> FindAsync(MimeMessage message, CancellationToken ct)
    {
        // MimeMessage.InReplyTo keeps only the first id; the header itself says whether an id came from it.
        var inReplyTo = message.Headers[HeaderId.InReplyTo] ?? "";
        foreach (var id in ParleyMessageIds.Find(message, supportDomains))
        {
            var header = inReplyTo.Contains(id.Id.ToString("N"), StringComparison.OrdinalIgnoreCase) ? "in-reply-to" : "references";
            var conversations = id.Kind == ParleyMessageIdKind.Email
                ? db.Conversations.Where(c => db.OutboundEmails.Any(e => e.Id == id.Id && e.ConversationId == c.Id))
                : db.Conversations.Where(c => c.Id == id.Id);
            if (await ConversationFinder.RouteAsync(db, conversations, header, ct) is { } found)
            {
                return found;
            }
        }
        return null;
    }
}
