using Parley.Core.Accounts;

namespace Parley.Core.Triggers;

/// <summary>
/// What the conditions of one event's triggers look at. The facts that cost a query (the account status,
/// business hours, earlier conversations, the queue) are read only when some active trigger tests them,
/// and then once for all of them.
/// </summary>
public sealed class TriggerFacts
{
    /// <summary>The event being tested; a job of several events tests them in turn.</summary>
    public TriggerEvent Event { get; set; }
    public EventActor Actor { get; init; }
    public string? PageUrl { get; init; }
    /// <summary>The text of the customer's message that set the event off, if one did.</summary>
    public string? MessageText { get; init; }
    public string? CustomerName { get; init; }
    public string? CustomerEmail { get; init; }
    public string? CustomerLanguage { get; init; }
    /// <summary>The conversation's tags; actions of earlier triggers of the same event change them.</summary>
    public HashSet<string> Tags { get; init; } = [];

    public AccountStatus AccountStatus { get; set; }
    public bool WithinBusinessHours { get; set; }
    /// <summary>The hour (0–23) and the day in the account's time zone.</summary>
    public int LocalHour { get; set; }
    public DayOfWeek LocalDay { get; set; }
    public int EarlierConversations { get; set; }
    public bool InActiveConversation { get; set; }
    public int QueueSize { get; set; }
}

/// <summary>The facts that need a query, so a trigger set asks only for what its conditions use.</summary>
[Flags]
public enum CostlyFacts
{
    None = 0,
    AccountStatus = 1,
    BusinessHours = 2,
    LocalTime = 4,
    EarlierConversations = 8,
    ActiveConversation = 16,
    QueueSize = 32,
}
