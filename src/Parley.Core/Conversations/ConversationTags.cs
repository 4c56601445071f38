namespace Parley.Core.Conversations;

/// <summary>The rules for a conversation's tags: lower-case words of letters, digits, '-', '_', ':' or '.'.</summary>
public static class ConversationTags
{
    public const int MaxLength = 40, MaxPerConversation = 50;

    /// <summary>The tag as stored (trimmed, lower-case), or null when it is not a valid tag.</summary>
    public static string? Normalize(string? tag)
    {
        var t = tag?.Trim().ToLowerInvariant();
        return t is { Length: > 0 and <= MaxLength } && t.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ':' or '.') ? t : null;
    }

    /// <summary>Tags written in one field, separated by commas or spaces.</summary>
    public static IReadOnlyList<string> Split(string? text) =>
        (text ?? "").Split([',', ' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
