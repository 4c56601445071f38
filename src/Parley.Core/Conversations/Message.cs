namespace Parley.Core.Conversations;

/// <summary>One message in a conversation, numbered by <see cref="Seq"/> within it.</summary>
public sealed class Message
{
    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public long Seq { get; set; }
    public MessageAuthorKind AuthorKind { get; set; }
    /// <summary>The agent who wrote it, for agent messages.</summary>
    public Guid? AuthorAgentId { get; set; }
    public MessageChannel Channel { get; set; }
    public required string Text { get; set; }
    /// <summary>Id chosen by the sender so a retried send is stored once (unique per conversation).</summary>
    public string? ClientId { get; set; }
    /// <summary>Agent-only: never shown to the end user, never emailed.</summary>
    public bool IsInternalNote { get; set; }
    /// <summary>Set by an API caller: shown in the messenger but never emailed.</summary>
    public bool DoNotEmail { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>A form the messenger shows with this message, e.g. <see cref="MessagePrompts.Email"/>.</summary>
    public string? Prompt { get; set; }

    public List<Attachment> Attachments { get; set; } = [];
}

/// <summary>Forms a trigger or system message can ask the messenger to show.</summary>
public static class MessagePrompts
{
    /// <summary>The email form: the end user leaves an address to be emailed at.</summary>
    public const string Email = "email";
}

public enum MessageAuthorKind
{
    EndUser,
    Agent,
    Trigger,
    System,
}

/// <summary>How a message came in: the web messenger (and the workspace) or email.</summary>
public enum MessageChannel
{
    Web,
    Email,
}
