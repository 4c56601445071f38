using Parley.Core.EndUsers;

namespace Parley.Core.Conversations;

/// <summary>A message as the API, the event streams and the messenger show it.</summary>
public sealed record MessageView(
    Guid Id,
    Guid ConversationId,
    long Seq,
    MessageAuthorKind AuthorKind,
    AuthorView? Author,
    MessageChannel Channel,
    string Text,
    string? ClientId,
    bool IsInternalNote,
    bool DoNotEmail,
    DateTimeOffset CreatedAt,
    IReadOnlyList<AttachmentView> Attachments,
    string? Prompt = null)
{
    public static MessageView From(Message m, string? agentName) => new(
        m.Id, m.ConversationId, m.Seq, m.AuthorKind,
        m.AuthorAgentId is { } agentId ? new AuthorView(agentId, agentName ?? "") : null,
        m.Channel, m.Text, m.ClientId, m.IsInternalNote, m.DoNotEmail, m.CreatedAt,
        [.. m.Attachments.OrderBy(a => a.Position).Select(AttachmentView.From)], m.Prompt);
}

public sealed record AuthorView(Guid Id, string Name);

/// <summary>An attachment's metadata; <see cref="Inline"/> says whether it may be shown in the page (a real image).</summary>
public sealed record AttachmentView(Guid Id, string FileName, string ContentType, long SizeBytes)
{
    public bool Inline => AttachmentTypes.IsInlineImage(ContentType);

    public static AttachmentView From(Attachment a) => new(a.Id, a.FileName, a.ContentType, a.SizeBytes);
}

/// <summary>A conversation's state without its messages.</summary>
public sealed record ConversationSummary(
    Guid Id,
    long Number,
    ConversationStatus Status,
    Guid EndUserId,
    Guid? AssigneeId,
    Guid? FollowUpOfId,
    string? PageUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long LastMessageSeq,
    DateTimeOffset? LastMessageAt,
    long EndUserReadSeq,
    DateTimeOffset? LastEndUserActivityAt,
    DateTimeOffset? SolvedAt,
    DateTimeOffset? ClosedAt)
{
    public static ConversationSummary From(Conversation c) => new(
        c.Id, c.Number, c.Status, c.EndUserId, c.AssigneeId, c.FollowUpOfId, c.PageUrl, c.CreatedAt, c.UpdatedAt,
        c.LastMessageSeq, c.LastMessageAt, c.EndUserReadSeq, c.LastEndUserActivityAt, c.SolvedAt, c.ClosedAt);
}

/// <summary>An end user as agents see them.</summary>
public sealed record EndUserView(
    Guid Id, string? ExternalId, string? Name, string? Email, bool EmailVerified, bool EmailBouncing,
    bool Unsubscribed, string? Language, DateTimeOffset CreatedAt, DateTimeOffset? LastSeenAt)
{
    public static EndUserView From(EndUser u) => new(
        u.Id, u.ExternalId, u.Name, u.Email, u.EmailVerified, u.EmailBouncing, u.Unsubscribed, u.Language,
        u.CreatedAt, u.LastSeenAt);
}
