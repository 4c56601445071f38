namespace Parley.Core.Triggers;

/// <summary>
/// A messaging trigger (PRODUCT.md §5): on its run event, when its conditions hold, its actions run in
/// order. Triggers run in <see cref="Position"/> order, each at most once per event.
/// </summary>
public sealed class Trigger
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    /// <summary>Where it runs among the triggers of its event: lower first.</summary>
    public int Position { get; set; }
    public bool IsActive { get; set; }
    public TriggerEvent RunOn { get; set; }
    public ConditionMatch Match { get; set; }
    public List<TriggerCondition> Conditions { get; set; } = [];
    public List<TriggerAction> Actions { get; set; } = [];
    /// <summary>Names a trigger Parley ships (<see cref="DefaultTriggers"/>); null for one an admin made.</summary>
    public string? DefaultKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid Version { get; set; }
}

/// <summary>What sets a trigger off.</summary>
public enum TriggerEvent
{
    /// <summary>A customer requests a conversation: the first message of a new conversation.</summary>
    ConversationRequested,
    /// <summary>A customer sends a message in a conversation they already have.</summary>
    CustomerMessage,
    /// <summary>A conversation joins the queue: new, unassigned by an agent, or reopened without an assignee.</summary>
    AddedToQueue,
    /// <summary>A conversation is assigned to an agent.</summary>
    Assigned,
}

/// <summary>Whether all conditions must hold, or any one.</summary>
public enum ConditionMatch
{
    All,
    Any,
}

/// <summary>One test of a trigger: a fact about the event, an operator and a value (kept as text, checked by <see cref="TriggerRules"/>).</summary>
public sealed record TriggerCondition(ConditionField Field, ConditionOperator Operator, string Value = "");

/// <summary>The facts a condition can test.</summary>
public enum ConditionField
{
    /// <summary>online, away or offline.</summary>
    AccountStatus,
    /// <summary>yes or no, by the default schedule.</summary>
    WithinBusinessHours,
    /// <summary>0–23 in the account's time zone; Between takes "from-to" (to excluded, may wrap past midnight).</summary>
    HourOfDay,
    /// <summary>mon … sun in the account's time zone, several separated by commas.</summary>
    DayOfWeek,
    CustomerEmailPresent,
    CustomerNamePresent,
    /// <summary>A language tag; "pt" also matches "pt-BR".</summary>
    CustomerLanguage,
    PageUrl,
    /// <summary>How many other conversations the customer has had.</summary>
    EarlierConversations,
    /// <summary>Whether the customer has another conversation that is not solved or closed.</summary>
    InActiveConversation,
    /// <summary>Who caused the event: customer, agent or system.</summary>
    SenderType,
    MessageText,
    Tags,
    /// <summary>How many conversations wait unassigned.</summary>
    QueueSize,
}

public enum ConditionOperator
{
    Is,
    IsNot,
    LessThan,
    GreaterThan,
    Between,
    Contains,
    DoesNotContain,
    StartsWith,
    IncludesAny,
    IncludesAll,
    IncludesNone,
}

/// <summary>
/// One step of a trigger. <see cref="Text"/> is Liquid (e.g. <c>{{ customer.name }}</c>); when it is empty,
/// <see cref="Preset"/> names one of Parley's texts, shipped in every language, and the end user's is used.
/// </summary>
public sealed record TriggerAction(
    ActionType Type,
    string? Text = null,
    string? Preset = null,
    int? Seconds = null,
    IReadOnlyList<string>? Tags = null);

public enum ActionType
{
    /// <summary>Posts a message in the conversation.</summary>
    SendMessage,
    /// <summary>Waits; what follows runs only if no agent has replied and the conversation is not closed.</summary>
    Wait,
    /// <summary>Shows the email form, or a confirmation when the customer already gave an address.</summary>
    RequestEmail,
    AddTags,
    RemoveTags,
}
