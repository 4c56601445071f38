namespace Parley.Core.Triggers;

/// <summary>
/// A run event waiting for the trigger engine, written in the same transaction as the change that caused
/// it, so no event is lost and none is seen before its change is committed. The engine claims it, runs the
/// event's triggers and marks it done.
/// </summary>
public sealed class TriggerJob
{
    /// <summary>In insertion order: a conversation's events run in the order they happened.</summary>
    public long Id { get; set; }
    public Guid ConversationId { get; set; }
    /// <summary>The run events of one change, in the order they happened (a new conversation is requested, then queued).</summary>
    public List<TriggerEvent> Events { get; set; } = [];
    /// <summary>Who caused the event (the sender type conditions test).</summary>
    public EventActor Actor { get; set; }
    /// <summary>The conversation's newest message when the event happened: an agent reply after it means a waiting trigger is no longer needed.</summary>
    public long AtSeq { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>A server working on it holds it until then; after that another may take it over.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

/// <summary>Who caused a run event.</summary>
public enum EventActor
{
    Customer,
    Agent,
    System,
}

/// <summary>
/// One trigger that matched one event, and how far its actions got. It exists from the moment the trigger
/// matched, so a retried event never runs a trigger twice; <see cref="NextAction"/> moves on with each action
/// done, and a wait parks it until <see cref="DueAt"/>.
/// </summary>
public sealed class TriggerRun
{
    public Guid Id { get; set; }
    public long JobId { get; set; }
    public Guid TriggerId { get; set; }
    public Guid ConversationId { get; set; }
    public int NextAction { get; set; }
    /// <summary>Set while the run waits; the engine resumes it then.</summary>
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>How it ended: done, or why the rest was not needed.</summary>
    public TriggerRunOutcome? Outcome { get; set; }
}

public enum TriggerRunOutcome
{
    Done,
    /// <summary>An agent replied during a wait.</summary>
    AgentReplied,
    /// <summary>The conversation was closed, or the trigger deactivated or deleted, during a wait.</summary>
    NoLongerNeeded,
}
