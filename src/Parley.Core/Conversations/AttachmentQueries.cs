using Microsoft.EntityFrameworkCore;
using Parley.Core.Data;

namespace Parley.Core.Conversations;

/// <summary>
/// Finds attachments to download: for agents any of them (internal notes included), for an end user only
/// those of messages they may see in their own conversations. Anything else is "not found", the same as
/// an id that does not exist. The metadata and the bytes are read separately, so a cached copy that is
/// still current (ETag) costs no bytes.
/// </summary>
public sealed class AttachmentQueries(AppDbContext db)
{
    public async Task<AttachmentView> FindForAgentAsync(Guid attachmentId, CancellationToken ct) =>
        Found(await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId, ct));

    public async Task<AttachmentView> FindForEndUserAsync(Guid endUserId, Guid conversationId, Guid attachmentId, CancellationToken ct) =>
        Found(await (
            from a in db.Attachments.AsNoTracking()
            join m in db.Messages on a.MessageId equals m.Id
            join c in db.Conversations on m.ConversationId equals c.Id
            where a.Id == attachmentId && m.ConversationId == conversationId && c.EndUserId == endUserId && !m.IsInternalNote
            select a).FirstOrDefaultAsync(ct));

    /// <summary>The bytes of an attachment found by one of the look-ups above.</summary>
    public async Task<byte[]> ReadAsync(Guid attachmentId, CancellationToken ct) =>
        await db.AttachmentContents.Where(c => c.AttachmentId == attachmentId).Select(c => c.Content).FirstOrDefaultAsync(ct)
        ?? throw ParleyProblem.NotFound("attachment");

    private static AttachmentView Found(Attachment? a) => a is null ? throw ParleyProblem.NotFound("attachment") : AttachmentView.From(a);
}
