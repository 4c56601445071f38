namespace Parley.Core.Email.Outbound;

/// <summary>One message shown in a continuation email: who wrote it, when, its text and the names of its attachments.</summary>
public sealed record EmailReply(string AuthorName, DateTimeOffset SentAt, string Text, IReadOnlyList<string> AttachmentNames);

/// <summary>What a continuation email says: the unread agent replies of one conversation and how to continue it.</summary>
public sealed record ContinuationEmailModel(
    string? Language,
    string AccountDefaultLanguage,
    string BusinessName,
    string? EndUserName,
    long ConversationNumber,
    IReadOnlyList<EmailReply> Replies,
    EmailReply? LastEndUserMessage,
    string ContinueUrl,
    string UnsubscribeUrl,
    string TimeZoneId);

/// <summary>An admin's Liquid for one language; a null part uses the shipped one.</summary>
public sealed record EmailTemplateOverride(string? Subject, string? TextBody, string? HtmlBody);

/// <summary>A rendered continuation email, in the language the fallback chain chose.</summary>
public sealed record RenderedEmail(string Language, string Subject, string TextBody, string HtmlBody)
{
    /// <summary>
    /// Why parts of the admin's override were not used (for example "html: Undefined filter 'x'"): the shipped part
    /// went out instead. Empty when every overridden part rendered.
    /// </summary>
    public IReadOnlyList<string> OverrideFailures { get; init; } = [];
}
