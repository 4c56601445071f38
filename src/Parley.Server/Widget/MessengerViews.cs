using Parley.Core.Conversations;

namespace Parley.Server.Widget;

/// <summary>A message as the end user sees it: no agent ids, no email flags.</summary>
public sealed record MessengerMessage(
    Guid Id, Guid ConversationId, long Seq, MessageAuthorKind AuthorKind, string? AuthorName, MessageChannel Channel,
    string Text, string? ClientId, DateTimeOffset CreatedAt, IReadOnlyList<AttachmentView> Attachments, string? Prompt)
{
    public static MessengerMessage From(MessageView m) => new(
        m.Id, m.ConversationId, m.Seq, m.AuthorKind, m.Author?.Name, m.Channel, m.Text,
        m.AuthorKind == MessageAuthorKind.EndUser ? m.ClientId : null, m.CreatedAt, m.Attachments, m.Prompt);
}

/// <summary>A conversation as the end user sees it.</summary>
public sealed record MessengerConversation(
    Guid Id, long Number, ConversationStatus Status, long LastMessageSeq, long EndUserReadSeq, Guid? FollowUpOfId, DateTimeOffset CreatedAt)
{
    public static MessengerConversation From(ConversationSummary c) =>
        new(c.Id, c.Number, c.Status, c.LastMessageSeq, c.EndUserReadSeq, c.FollowUpOfId, c.CreatedAt);
}

/// <summary>The conversation a sent message landed in (a follow-up if the old one was closed) and the message.</summary>
public sealed record MessengerPosted(MessengerConversation Conversation, MessengerMessage Message);
