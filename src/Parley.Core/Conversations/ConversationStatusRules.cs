namespace Parley.Core.Conversations;

/// <summary>The status lifecycle: New → Open → Pending / On-hold → Solved → Closed.</summary>
public static class ConversationStatusRules
{
    /// <summary>What an end-user message does to the conversation it is written in.</summary>
    public static EndUserMessageEffect OnEndUserMessage(ConversationStatus status) => status switch
    {
        ConversationStatus.Closed => EndUserMessageEffect.StartFollowUp,
        ConversationStatus.Pending or ConversationStatus.OnHold or ConversationStatus.Solved => EndUserMessageEffect.Reopen,
        _ => EndUserMessageEffect.None,
    };

    /// <summary>An agent's first reply or an assignment takes a New conversation to Open.</summary>
    public static ConversationStatus AfterAgentAction(ConversationStatus status) =>
        status == ConversationStatus.New ? ConversationStatus.Open : status;

    /// <summary>
    /// Agents may move between Open, Pending, On-hold and Solved. New is only where conversations start,
    /// Closed only comes from the automatic close, and a Closed conversation is final.
    /// </summary>
    public static void EnsureAgentMayChange(ConversationStatus from, ConversationStatus to)
    {
        if (from == ConversationStatus.Closed)
        {
            throw ParleyProblem.Conflict("conversation-closed", "A closed conversation cannot change; the end user's next message starts a follow-up.");
        }
        if (to == ConversationStatus.Closed)
        {
            throw ParleyProblem.Invalid("status", "Conversations close automatically after they have been solved for the configured number of days.");
        }
        if (to == ConversationStatus.New && from != ConversationStatus.New)
        {
            throw ParleyProblem.Invalid("status", "A conversation cannot go back to New.");
        }
    }

    /// <summary>Applies a status change, keeping the solved time that the automatic close counts from.</summary>
    public static void Apply(Conversation c, ConversationStatus to, DateTimeOffset now)
    {
        if (c.Status == to)
        {
            return;
        }
        c.Status = to;
        // A closed conversation keeps the time it was solved; reopening forgets it.
        c.SolvedAt = to switch
        {
            ConversationStatus.Solved => now,
            ConversationStatus.Closed => c.SolvedAt,
            _ => null,
        };
        c.ClosedAt = to == ConversationStatus.Closed ? now : null;
    }

    /// <summary>True when a solved conversation has waited long enough to close.</summary>
    public static bool IsDueToClose(Conversation c, DateTimeOffset now, int closeAfterDays) =>
        c.Status == ConversationStatus.Solved && c.SolvedAt is { } solved && solved.AddDays(closeAfterDays) <= now;
}

public enum EndUserMessageEffect
{
    None,
    Reopen,
    StartFollowUp,
}
