namespace Parley.Core.Conversations;

/// <summary>New → Open → Pending / On-hold → Solved → Closed. Closed is final.</summary>
public enum ConversationStatus
{
    New,
    Open,
    Pending,
    OnHold,
    Solved,
    Closed,
}
