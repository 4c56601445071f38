using Microsoft.EntityFrameworkCore;
using Parley.Core.Data;
using Parley.Core.Events;
using Parley.Core.Triggers;

namespace Parley.Core.Conversations;

/// <summary>Changes to a conversation other than new messages: assignment, status and the end user's read position.</summary>
public sealed class ConversationCommands(AppDbContext db, IEventPublisher events, TimeProvider clock, TriggerEvents triggers)
{
    /// <summary>Assigns to an agent with chat access, or unassigns when <paramref name="assigneeId"/> is null.</summary>
    public async Task<ConversationSummary> AssignAsync(AgentActor actor, Guid conversationId, Guid? assigneeId, CancellationToken ct)
    {
        if (assigneeId is { } id)
        {
            var assignee = await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.IsActive, ct)
                ?? throw ParleyProblem.Invalid("assigneeId", "No active agent has this id.");
            if (!assignee.ChatAccess)
            {
                throw id == actor.AgentId
                    ? ParleyProblem.Forbidden("no-chat-access", "Only agents with chat access can take messaging conversations.")
                    : ParleyProblem.Invalid("assigneeId", "This agent has no chat access, so cannot take messaging conversations.");
            }
        }
        return await ChangeAsync(conversationId, (c, now) =>
        {
            if (c.Status == ConversationStatus.Closed)
            {
                throw ParleyProblem.Conflict("conversation-closed", "A closed conversation cannot be reassigned.");
            }
            c.AssigneeId = assigneeId;
            if (assigneeId is not null)
            {
                ConversationStatusRules.Apply(c, ConversationStatusRules.AfterAgentAction(c.Status), now);
            }
        }, ct);
    }

    public Task<ConversationSummary> ChangeStatusAsync(Guid conversationId, ConversationStatus status, CancellationToken ct) =>
        ChangeAsync(conversationId, (c, now) =>
        {
            ConversationStatusRules.EnsureAgentMayChange(c.Status, status);
            ConversationStatusRules.Apply(c, status, now);
        }, ct);

    /// <summary>
    /// Moves the end user's read position forward to <paramref name="seq"/>. It never moves back, so a
    /// late request from another tab cannot mark messages unread again.
    /// </summary>
    public async Task<long> MarkReadAsync(Guid endUserId, Guid conversationId, long seq, CancellationToken ct)
    {
        var conversation = await db.Conversations.AsNoTracking()
            .Where(c => c.Id == conversationId && c.EndUserId == endUserId)
            .Select(c => new { c.LastMessageSeq, c.EndUserReadSeq })
            .FirstOrDefaultAsync(ct) ?? throw ParleyProblem.NotFound("conversation");
        if (seq < 0 || seq > conversation.LastMessageSeq)
        {
            throw ParleyProblem.Invalid("seq", $"The read position must be between 0 and the last message's sequence number ({conversation.LastMessageSeq}).");
        }
        var now = clock.GetUtcNow();
        var moved = await db.Conversations
            .Where(c => c.Id == conversationId && c.EndUserReadSeq < seq)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.EndUserReadSeq, seq).SetProperty(c => c.LastEndUserActivityAt, now)
                // Reading everything ends the inactivity window (ContinuityWindow): nothing is left to email, and the
                // next agent reply starts a new one. Decided in the same statement, against the newest message.
                .SetProperty(c => c.ContinuityWindowStartedAt, c => seq >= c.LastMessageSeq ? null : c.ContinuityWindowStartedAt), ct);
        if (moved == 0)
        {
            return Math.Max(conversation.EndUserReadSeq, seq);
        }
        events.Publish(new ConversationRead(conversationId, seq));
        return seq;
    }

    private async Task<ConversationSummary> ChangeAsync(Guid conversationId, Action<Conversation, DateTimeOffset> change, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var conversation = await db.Conversations.Where(c => c.Id == conversationId).ForUpdate().FirstOrDefaultAsync(ct)
            ?? throw ParleyProblem.NotFound("conversation");
        var before = (conversation.Status, conversation.AssigneeId);
        var now = clock.GetUtcNow();
        change(conversation, now);
        if (before == (conversation.Status, conversation.AssigneeId))
        {
            return ConversationSummary.From(conversation);
        }
        conversation.UpdatedAt = now;
        conversation.Version = Guid.NewGuid();
        await triggers.ChangedAsync(db, conversation, before, EventActor.Agent, customerMessage: false, now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var summary = ConversationSummary.From(conversation);
        events.Publish(new ConversationChanged(summary));
        return summary;
    }
}
