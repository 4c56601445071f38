using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Parley.Core.Accounts;
using Parley.Core.Conversations;
using Parley.Core.Data;
using Parley.Core.Email;
using Parley.Core.Email.Outbound;
using Parley.Core.EndUsers;
using Parley.Core.Security;

namespace Parley.Core.Continuity;

/// <summary>
/// Turns the decision to email a conversation into the finished email for the outbox: the content
/// (<see cref="ContinuationEmailRenderer"/>, in the end user's language), the links, the threading
/// headers and the Reply-To token. Reads in a few queries for a whole batch of conversations.
/// </summary>
public sealed class ContinuationEmails(
    AppDbContext db, AccountAvailability availability, ISecretProtector secrets, IOptions<EmailOptions> options)
{
    /// <summary>How many earlier emails of a conversation its References name.</summary>
    private const int ThreadDepth = 20;

    public async Task<IReadOnlyList<OutboundEmail>> ComposeAsync(
        AccountSettings settings, SupportAddress address,
        IReadOnlyList<(Conversation Conversation, EndUser EndUser, IReadOnlyList<Message> Replies)> batch,
        DateTimeOffset now, CancellationToken ct)
    {
        var ids = batch.Select(b => b.Conversation.Id).ToList();
        var replyIds = batch.SelectMany(b => b.Replies).Select(m => m.Id).ToList();
        var agentIds = batch.SelectMany(b => b.Replies).Select(m => m.AuthorAgentId).OfType<Guid>().Distinct().ToList();
        var agents = await db.Agents.AsNoTracking().Where(a => agentIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var files = (await db.Attachments.AsNoTracking().Where(a => replyIds.Contains(a.MessageId))
            .OrderBy(a => a.Position).Select(a => new { a.MessageId, a.FileName }).ToListAsync(ct)).ToLookup(a => a.MessageId, a => a.FileName);
        var lastFromEndUser = await LastEndUserMessagesAsync(ids, ct);
        var earlier = (await db.OutboundEmails.AsNoTracking()
            .Where(e => e.ConversationId != null && ids.Contains(e.ConversationId.Value) && e.Kind == OutboundEmailKind.Continuation)
            .OrderBy(e => e.CreatedAt).Select(e => new { e.ConversationId, e.MessageId }).ToListAsync(ct))
            .ToLookup(e => e.ConversationId!.Value, e => e.MessageId);
        var overrides = (await db.EmailTemplates.AsNoTracking().ToListAsync(ct)).ToDictionary(t => t.Language, StringComparer.OrdinalIgnoreCase);
        var zone = (await availability.TimeZoneAsync(ct)).Id;
        var key = await LinkKeyAsync(settings, ct);
        var dkim = Dkim(address);
        var baseUrl = options.Value.BaseUrl;

        // Tokens are set on the tracked conversations here, in turn; what follows only reads shared state.
        foreach (var (c, _, _) in batch)
        {
            c.ReplyToken ??= NewReplyToken();
        }
        // Rendering and building the MIME message is CPU work with no database in it, so the batch's emails
        // are made on all cores at once; each lands in its own slot, in the batch's order.
        var composed = new OutboundEmail[batch.Count];
        await Parallel.ForAsync(0, batch.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct }, async (i, ct) =>
        {
            var (c, endUser, replies) = batch[i];
            var continueUrl = $"{baseUrl}/messenger/continue/{SignedLinks.Create(key, new(LinkPurpose.Continue, c.Id, endUser.Id, now.AddDays(options.Value.ContinueLinkDays)))}";
            var unsubscribeUrl = $"{baseUrl}/email/unsubscribe/{SignedLinks.Create(key, new(LinkPurpose.Unsubscribe, c.Id, endUser.Id, now.AddYears(5)))}";
            var emailReplies = replies.Select(m => new EmailReply(
                m.AuthorAgentId is { } a ? agents.GetValueOrDefault(a, "") : "", m.CreatedAt, m.Text, [.. files[m.Id]])).ToList();
            var last = lastFromEndUser.GetValueOrDefault(c.Id) is { } l ? new EmailReply(endUser.Name ?? "", l.CreatedAt, l.Text, []) : null;
            var model = new ContinuationEmailModel(endUser.Language, settings.DefaultLanguage, settings.BusinessName, endUser.Name, c.Number,
                emailReplies, last, continueUrl, unsubscribeUrl, zone);
            var rendered = await ContinuationEmailRenderer.RenderAsync(model, language =>
                overrides.GetValueOrDefault(language) is { } o ? new EmailTemplateOverride(o.Subject, o.TextBody, o.HtmlBody) : null);
            var id = Guid.CreateVersion7(now);
            var messageId = $"{id:N}@{address.Domain}";
            var fromName = emailReplies[^1].AuthorName is { Length: > 0 } agent ? $"{agent} ({address.DisplayName})" : address.DisplayName;
            var envelope = new EmailEnvelope(
                new MailboxAddress(fromName, address.Address), new MailboxAddress(endUser.Name ?? "", endUser.Email!),
                new MailboxAddress(address.DisplayName, address.ReplyAddressFor(c.ReplyToken!)), messageId,
                $"conversation-{c.Id:N}@{address.Domain}", [.. earlier[c.Id].TakeLast(ThreadDepth)], unsubscribeUrl, now);
            var mime = ContinuationMime.Build(rendered, envelope, dkim);
            using var bytes = new MemoryStream();
            await mime.WriteToAsync(bytes, ct);
            composed[i] = new OutboundEmail
            {
                Id = id, Kind = OutboundEmailKind.Continuation, SupportAddressId = address.Id, ConversationId = c.Id, EndUserId = endUser.Id,
                ToAddress = endUser.Email!, Subject = rendered.Subject, MessageId = messageId, Mime = bytes.ToArray(),
                FromSeq = replies.Min(m => m.Seq), ThroughSeq = replies.Max(m => m.Seq), MessageCount = replies.Count,
                Status = OutboundEmailStatus.Queued, DueAt = now, CreatedAt = now,
            };
        });
        return composed;
    }

    private async Task<Dictionary<Guid, Message>> LastEndUserMessagesAsync(List<Guid> ids, CancellationToken ct)
    {
        var lastSeqs = db.Messages.Where(m => ids.Contains(m.ConversationId) && m.AuthorKind == MessageAuthorKind.EndUser)
            .GroupBy(m => m.ConversationId).Select(g => new { ConversationId = g.Key, Seq = g.Max(m => m.Seq) });
        var last = await (from m in db.Messages.AsNoTracking()
                          join s in lastSeqs on new { m.ConversationId, m.Seq } equals new { s.ConversationId, s.Seq }
                          select m).ToListAsync(ct);
        return last.ToDictionary(m => m.ConversationId);
    }

    /// <summary>The account's link key, made here for an account created before links were signed.</summary>
    private async Task<string> LinkKeyAsync(AccountSettings settings, CancellationToken ct)
    {
        if (settings.LinkSigningKey.Length > 0)
        {
            return settings.LinkSigningKey;
        }
        var key = SignedLinks.NewKey();
        // Whichever server writes first wins; everyone then reads the same key.
        await db.Settings.Where(s => s.Id == settings.Id && s.LinkSigningKey == "").ExecuteUpdateAsync(u => u.SetProperty(s => s.LinkSigningKey, key), ct);
        return settings.LinkSigningKey = await db.Settings.Where(s => s.Id == settings.Id).Select(s => s.LinkSigningKey).FirstAsync(ct);
    }

    private DkimSettings? Dkim(SupportAddress address) =>
        address is { DkimDomain.Length: > 0, DkimSelector.Length: > 0, DkimPrivateKeyProtected.Length: > 0 }
        && secrets.Unprotect(address.DkimPrivateKeyProtected) is { } pem
            ? new DkimSettings(address.DkimDomain, address.DkimSelector, pem)
            : null;

    /// <summary>26 lowercase base32 characters (130 bits): unguessable, and safe in an address's local part, which some servers lowercase.</summary>
    private static string NewReplyToken()
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var bytes = RandomNumberGenerator.GetBytes(26);
        return string.Create(26, bytes, (span, b) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[b[i] & 31];
            }
        });
    }
}
