using Microsoft.EntityFrameworkCore;
using Parley.Core.Conversations;
using Parley.Core.Data;

namespace Parley.Core.Email.Inbound;

/// <summary>
/// Replies held because they came from someone other than the conversation's end user: an agent
/// accepts one as the end user's message (posted as if it had come from them) or discards it.
/// </summary>
public sealed class HeldReplies(AppDbContext db, InboundPipeline pipeline, ReplyPoster poster, TimeProvider clock)
{
    public async Task<IngestResult> AcceptAsync(AgentActor agent, Guid inboundEmailId, CancellationToken ct)
    {
        var (email, raw) = await HeldAsync(agent, inboundEmailId, ct);
        var message = InboundParsing.Parse(raw, int.MaxValue);
        var endUserId = await db.Conversations.Where(c => c.Id == email.ConversationId).Select(c => c.EndUserId).FirstAsync(ct);
        var posted = await poster.PostAsync(email, message, endUserId, ct);
        email.HandledAt = clock.GetUtcNow();
        email.HandledByAgentId = agent.AgentId;
        var detail = $"Accepted by {agent.Name} as the customer's message (it was from {email.FromAddress}). {posted.Detail}".Trim();
        // Unconditional: once the message exists, the email is Posted, even if a discard raced this accept.
        var done = await pipeline.FinishAsync(email, posted.Status, detail, ct);
        return new IngestResult(done.Id, done.Status, false, done.ConversationId, done.PostedMessageId, done.Detail);
    }

    public async Task DiscardAsync(AgentActor agent, Guid inboundEmailId, CancellationToken ct)
    {
        var (email, _) = await HeldAsync(agent, inboundEmailId, ct);
        var detail = $"Discarded by {agent.Name} (it was from {email.FromAddress}).";
        // Only a reply still held is discarded: one an agent accepted meanwhile stays posted.
        var changed = await db.InboundEmails.Where(e => e.Id == email.Id && e.Status == InboundEmailStatus.Held).ExecuteUpdateAsync(u => u
            .SetProperty(e => e.Status, InboundEmailStatus.Discarded).SetProperty(e => e.Detail, detail)
            .SetProperty(e => e.HandledAt, clock.GetUtcNow()).SetProperty(e => e.HandledByAgentId, agent.AgentId), ct);
        if (changed == 0)
        {
            throw ParleyProblem.Conflict("reply-not-held", "This reply is no longer waiting; another agent has handled it.");
        }
        pipeline.Announce(email.Id, email.ConversationId, InboundEmailStatus.Discarded);
    }

    private async Task<(InboundEmail Email, byte[] Raw)> HeldAsync(AgentActor agent, Guid id, CancellationToken ct)
    {
        if (!agent.ChatAccess)
        {
            throw ParleyProblem.Forbidden("no-chat-access", "Only agents with chat access can accept or discard replies.");
        }
        var email = await db.InboundEmails.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw ParleyProblem.NotFound("held-reply");
        if (email.Status != InboundEmailStatus.Held || email.ConversationId is null)
        {
            throw ParleyProblem.Conflict("reply-not-held", "This reply is no longer waiting; another agent has handled it.");
        }
        var raw = await db.InboundEmailContents.Where(c => c.InboundEmailId == id).Select(c => c.Raw).FirstAsync(ct);
        return (email, raw);
    }
}
