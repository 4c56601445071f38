using Microsoft.EntityFrameworkCore;
using MimeKit;
using Parley.Core.Data;

namespace Parley.Core.Email.Inbound;

/// <summary>An incoming email as lists show it.</summary>
public sealed record InboundEmailView(
    Guid Id, InboundSource Source, InboundEmailStatus Status, string? FromAddress, string? FromName, string Subject, DateTimeOffset ReceivedAt,
    long SizeBytes, string? Detail, Guid? ConversationId, string? Text);

/// <summary>The original of an email as an agent can show it: its headers and both bodies, and the bytes for download.</summary>
public sealed record OriginalEmail(
    InboundEmailView Email, IReadOnlyList<(string Name, string Value)> Headers, string? TextBody, string? HtmlBody, byte[] Raw);

/// <summary>Reads incoming emails for the workspace (held replies, originals) and the admin center (the list, unrouted first).</summary>
public sealed class InboundEmailQueries(AppDbContext db)
{
    public const int PageSize = 50;
    // Headers an agent needs to judge an email; the rest are in the .eml download.
    private static readonly string[] ShownHeaders = ["From", "To", "Cc", "Reply-To", "Subject", "Date", "Message-ID", "In-Reply-To", "Auto-Submitted"];

    public async Task<IReadOnlyList<InboundEmailView>> HeldAsync(Guid conversationId, CancellationToken ct) =>
        await Views(db.InboundEmails.Where(e => e.ConversationId == conversationId && e.Status == InboundEmailStatus.Held).OrderBy(e => e.ReceivedAt))
            .ToListAsync(ct);

    /// <summary>The newest emails (older than <paramref name="before"/> for the next page), of one status or all.</summary>
    public async Task<IReadOnlyList<InboundEmailView>> ListAsync(InboundEmailStatus? status, DateTimeOffset? before, CancellationToken ct)
    {
        var query = db.InboundEmails.AsQueryable();
        if (status is { } s)
        {
            query = query.Where(e => e.Status == s);
        }
        if (before is { } b)
        {
            query = query.Where(e => e.ReceivedAt < b);
        }
        return await Views(query.OrderByDescending(e => e.ReceivedAt).Take(PageSize)).ToListAsync(ct);
    }

    public async Task<int> CountAsync(InboundEmailStatus status, CancellationToken ct) =>
        await db.InboundEmails.CountAsync(e => e.Status == status, ct);

    /// <summary>The original of an incoming email, by its id or by the message it became.</summary>
    public async Task<OriginalEmail?> OriginalAsync(Guid? inboundEmailId, Guid? messageId, CancellationToken ct)
    {
        var view = await Views(db.InboundEmails.Where(e => (inboundEmailId != null && e.Id == inboundEmailId) || (messageId != null && e.PostedMessageId == messageId)))
            .FirstOrDefaultAsync(ct);
        if (view is null)
        {
            return null;
        }
        var raw = await db.InboundEmailContents.Where(c => c.InboundEmailId == view.Id).Select(c => c.Raw).FirstAsync(ct);
        using var stream = new MemoryStream(raw, writable: false);
        var message = await MimeMessage.LoadAsync(stream, ct);
        var headers = message.Headers.Where(h => ShownHeaders.Contains(h.Field, StringComparer.OrdinalIgnoreCase)).Select(h => (h.Field, h.Value.Trim())).ToList();
        return new OriginalEmail(view, headers, message.TextBody, message.HtmlBody, raw);
    }

    private static IQueryable<InboundEmailView> Views(IQueryable<InboundEmail> q) => q.AsNoTracking().Select(e => new InboundEmailView(
        e.Id, e.Source, e.Status, e.FromAddress, e.FromName, e.Subject, e.ReceivedAt, e.SizeBytes, e.Detail, e.ConversationId, e.Text));
}
