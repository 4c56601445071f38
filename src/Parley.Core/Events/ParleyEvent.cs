using System.Text.Json.Serialization;
using Parley.Core.Accounts;
using Parley.Core.Conversations;

namespace Parley.Core.Events;

/// <summary>
/// Something that happened, published after its transaction committed. Events travel between servers
/// as JSON, named by <see cref="Type"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$event")]
[JsonDerivedType(typeof(MessageCreated), "message.created")]
[JsonDerivedType(typeof(ConversationCreated), "conversation.created")]
[JsonDerivedType(typeof(ConversationChanged), "conversation.changed")]
[JsonDerivedType(typeof(ConversationRead), "conversation.read")]
[JsonDerivedType(typeof(AgentStatusChanged), "agent.status")]
[JsonDerivedType(typeof(EndUserChanged), "end-user.changed")]
[JsonDerivedType(typeof(TriggersChanged), "triggers.changed")]
[JsonDerivedType(typeof(AccountStatusChanged), "account.status")]
[JsonDerivedType(typeof(ContinuityChanged), "conversation.continuity")]
[JsonDerivedType(typeof(InboundEmailChanged), "email.inbound")]
public abstract record ParleyEvent
{
    /// <summary>The event name on streams, e.g. "message.created".</summary>
    public abstract string Type { get; }

    /// <summary>The conversation whose end user may see this event, if any.</summary>
    public abstract Guid? VisibleToEndUserIn();
}

public sealed record MessageCreated(ConversationSummary Conversation, MessageView Message) : ParleyEvent
{
    public override string Type => "message.created";
    public override Guid? VisibleToEndUserIn() => Message.IsInternalNote ? null : Conversation.Id;
}

public sealed record ConversationCreated(ConversationSummary Conversation) : ParleyEvent
{
    public override string Type => "conversation.created";
    public override Guid? VisibleToEndUserIn() => null;
}

/// <summary>Status or assignee changed.</summary>
public sealed record ConversationChanged(ConversationSummary Conversation) : ParleyEvent
{
    public override string Type => "conversation.changed";
    public override Guid? VisibleToEndUserIn() => Conversation.Id;
}

public sealed record ConversationRead(Guid ConversationId, long EndUserReadSeq) : ParleyEvent
{
    public override string Type => "conversation.read";
    public override Guid? VisibleToEndUserIn() => ConversationId;
}

public sealed record AgentStatusChanged(Guid AgentId, AgentStatus Status) : ParleyEvent
{
    public override string Type => "agent.status";
    public override Guid? VisibleToEndUserIn() => null;
}

/// <summary>
/// An end user's profile changed (name, email, language). <see cref="MergedFromId"/> names the anonymous
/// visitor whose conversations just moved to this end user, when a website identified them.
/// </summary>
public sealed record EndUserChanged(EndUserView EndUser, Guid? MergedFromId = null) : ParleyEvent
{
    public override string Type => "end-user.changed";
    public override Guid? VisibleToEndUserIn() => null;

    /// <summary>Whether an agent looking at <paramref name="endUserId"/> should look again.</summary>
    public bool Concerns(Guid endUserId) => EndUser.Id == endUserId || MergedFromId == endUserId;
}

/// <summary>An admin changed the triggers; every server reloads its trigger catalog.</summary>
public sealed record TriggersChanged : ParleyEvent
{
    public override string Type => "triggers.changed";
    public override Guid? VisibleToEndUserIn() => null;
}

/// <summary>The account status (derived from its agents) changed; announced once per change.</summary>
public sealed record AccountStatusChanged(AccountStatus Status) : ParleyEvent
{
    public override string Type => "account.status";
    public override Guid? VisibleToEndUserIn() => null;
}

/// <summary>A conversation's continuity state changed: a window ended, an email was queued, sent or failed.</summary>
public sealed record ContinuityChanged(Guid ConversationId) : ParleyEvent
{
    public override string Type => "conversation.continuity";
    public override Guid? VisibleToEndUserIn() => null;
}

/// <summary>An incoming email was handled (posted, held, unrouted ...) or an agent accepted or discarded a held one.</summary>
public sealed record InboundEmailChanged(Guid InboundEmailId, Guid? ConversationId, Email.Inbound.InboundEmailStatus Status) : ParleyEvent
{
    public override string Type => "email.inbound";
    public override Guid? VisibleToEndUserIn() => null;
}

/// <summary>Publishes events to every live stream; call only after the change is committed.</summary>
public interface IEventPublisher
{
    void Publish(ParleyEvent e);
}
