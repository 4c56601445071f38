using Parley.Core.Conversations;
using Parley.Core.Data;

namespace Parley.Core.Triggers;

/// <summary>
/// Notes the run events a change causes, in the change's own transaction: one <see cref="TriggerJob"/> per
/// transaction, holding its events in the order they happened. Only events that have active triggers are
/// noted, so a message in an account without triggers writes nothing more.
/// </summary>
public sealed class TriggerEvents(TriggerCatalog catalog)
{
    /// <summary>A new conversation: the customer requested it, and it joins the queue.</summary>
    public ValueTask NewConversationAsync(AppDbContext db, Conversation conversation, DateTimeOffset now, CancellationToken ct) =>
        NoteAsync(db, conversation, EventActor.Customer, [TriggerEvent.ConversationRequested, TriggerEvent.AddedToQueue], now, ct);

    /// <summary>
    /// A change to an existing conversation: a customer's message, and whatever the change did to the queue
    /// and the assignee. Automated messages are never noted, so triggers cannot set off triggers.
    /// </summary>
    public ValueTask ChangedAsync(
        AppDbContext db, Conversation conversation, (ConversationStatus Status, Guid? AssigneeId) before, EventActor actor, bool customerMessage,
        DateTimeOffset now, CancellationToken ct)
    {
        var events = new List<TriggerEvent>(2);
        if (customerMessage)
        {
            events.Add(TriggerEvent.CustomerMessage);
        }
        if (!InQueue(before.Status, before.AssigneeId) && InQueue(conversation.Status, conversation.AssigneeId))
        {
            events.Add(TriggerEvent.AddedToQueue);
        }
        if (conversation.AssigneeId is not null && conversation.AssigneeId != before.AssigneeId)
        {
            events.Add(TriggerEvent.Assigned);
        }
        return events.Count == 0 ? ValueTask.CompletedTask : NoteAsync(db, conversation, actor, events, now, ct);
    }

    /// <summary>The queue is the unassigned view: nobody assigned and not solved or closed.</summary>
    public static bool InQueue(ConversationStatus status, Guid? assigneeId) =>
        assigneeId is null && status is ConversationStatus.New or ConversationStatus.Open or ConversationStatus.Pending or ConversationStatus.OnHold;

    private async ValueTask NoteAsync(AppDbContext db, Conversation conversation, EventActor actor, IReadOnlyList<TriggerEvent> events, DateTimeOffset now, CancellationToken ct)
    {
        var wanted = new List<TriggerEvent>(events.Count);
        foreach (var e in events)
        {
            if ((await catalog.ActiveAsync(db, e, ct)).Count > 0)
            {
                wanted.Add(e);
            }
        }
        if (wanted.Count == 0)
        {
            return;
        }
        db.TriggerJobs.Add(new TriggerJob
        {
            ConversationId = conversation.Id,
            Events = wanted,
            Actor = actor,
            AtSeq = conversation.LastMessageSeq,
            CreatedAt = now,
        });
    }
}
