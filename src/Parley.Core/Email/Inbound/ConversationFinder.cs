using Microsoft.EntityFrameworkCore;
using MimeKit;
using Parley.Core.Data;
using Parley.Core.Email.Inbound.Addressing;

namespace Parley.Core.Email.Inbound;

/// <summary>The conversation an email belongs to, and which strategy found it.</summary>
public sealed record RouteFound(Guid ConversationId, string RoutedBy);

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
}

/// <summary>support+token@domain in To, Cc or the delivery headers: the token Parley put in the email's Reply-To.</summary>
public sealed class ReplyTokenRoute(AppDbContext db, IReadOnlyCollection<string> supportAddresses) : IConversationRoute
{
    public async Task<RouteFound?> FindAsync(MimeMessage message, CancellationToken ct)
    {
        if (InboundReading.ReplyToken(message, supportAddresses) is not { } token)
        {
            return null;
        }
        var id = await db.Conversations.Where(c => c.ReplyToken == token).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        return id is { } found ? new RouteFound(found, "reply-token") : null;
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
        foreach (var (header, id) in InboundReading.ThreadIds(message, supportDomains))
        {
            var conversationId = id.Kind == ParleyMessageIdKind.Email
                ? await db.OutboundEmails.Where(e => e.Id == id.Id).Select(e => e.ConversationId).FirstOrDefaultAsync(ct)
                : await db.Conversations.Where(c => c.Id == id.Id).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
            if (conversationId is { } found)
            {
                return new RouteFound(found, header);
            }
        }
        return null;
    }
}
