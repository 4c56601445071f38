using Parley.Core.Accounts;
using Parley.Core.Conversations;

namespace Parley.Core.Events;

/// <summary>Something that happened, published after its transaction committed.</summary>
public abstract record ParleyEvent
{
    /// <summary>The event name on streams, e.g. "message.created".</summary>
    public abstract string Type { get; }
    /// <summary>The conversation whose end user may see this event, if any.</summary>
    public abstract Guid? EndUserConversationId { get; }
}

public sealed record MessageCreated(ConversationSummary Conversation, MessageView Message) : ParleyEvent
{
    public override string Type => "message.created";
    public override Guid? EndUserConversationId => Message.IsInternalNote ? null : Conversation.Id;
}

public sealed record ConversationCreated(ConversationSummary Conversation) : ParleyEvent
{
    public override string Type => "conversation.created";
    public override Guid? EndUserConversationId => null;
}

/// <summary>Status or assignee changed.</summary>
public sealed record ConversationChanged(ConversationSummary Conversation) : ParleyEvent
{
    public override string Type => "conversation.changed";
    public override Guid? EndUserConversationId => Conversation.Id;
}

public sealed record ConversationRead(Guid ConversationId, long EndUserReadSeq) : ParleyEvent
{
    public override string Type => "conversation.read";
    public override Guid? EndUserConversationId => ConversationId;
}

public sealed record AgentStatusChanged(Guid AgentId, AgentStatus Status) : ParleyEvent
{
    public override string Type => "agent.status";
    public override Guid? EndUserConversationId => null;
}

/// <summary>Publishes events to every live stream; call only after the change is committed.</summary>
public interface IEventPublisher
{
    void Publish(ParleyEvent e);
}
