namespace Parley.Core.Conversations;

/// <summary>A message an end user sends, from the messenger or by email; with files (an email's attachments) the text may be empty.</summary>
public sealed record EndUserMessageInput(
    string? Text, string? ClientId, MessageChannel Channel = MessageChannel.Web, string? PageUrl = null, IReadOnlyList<AttachmentInput>? Attachments = null);

/// <summary>A reply or internal note an agent writes; with files, the text may be left empty.</summary>
public sealed record AgentMessageInput(
    string? Text, string? ClientId, bool IsInternalNote = false, bool DoNotEmail = false, IReadOnlyList<AttachmentInput>? Attachments = null);

/// <summary>
/// The stored message and its conversation. <see cref="Created"/> is false when the client id had
/// already been used, so the result is the message stored by the earlier attempt.
/// </summary>
public sealed record PostedMessage(ConversationSummary Conversation, MessageView Message, bool Created);

/// <summary>Checks text and ids that come from outside, against the configured limits.</summary>
internal static class MessageInputRules
{
    public static string Text(string? text, LimitsOptions limits) =>
        string.IsNullOrWhiteSpace(text) ? throw ParleyProblem.Invalid("text", "A message needs some text.") : OptionalText(text, limits);

    /// <summary>The text of a message that carries files: it may be empty (""), otherwise the usual rules hold.</summary>
    public static string OptionalText(string? text, LimitsOptions limits)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length > limits.MaxMessageLength)
        {
            throw ParleyProblem.Invalid("text", $"A message can be at most {limits.MaxMessageLength} characters long.");
        }
        if (trimmed.Contains('\0', StringComparison.Ordinal))
        {
            throw ParleyProblem.Invalid("text", "A message cannot contain NUL characters.");
        }
        return trimmed;
    }

    public static string? ClientId(string? clientId, LimitsOptions limits)
    {
        if (clientId is null)
        {
            return null;
        }
        if (clientId.Length == 0 || clientId.Length > limits.MaxClientIdLength || !clientId.All(IsClientIdChar))
        {
            throw ParleyProblem.Invalid("clientId",
                $"A client id is 1 to {limits.MaxClientIdLength} letters, digits, '-', '_', '.' or ':'.");
        }
        return clientId;
    }

    public static string? PageUrl(string? url, LimitsOptions limits)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }
        if (url.Length > limits.MaxPageUrlLength ||
            !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw ParleyProblem.Invalid("pageUrl", $"The page URL must be an http(s) address of at most {limits.MaxPageUrlLength} characters.");
        }
        return uri.AbsoluteUri;
    }

    private static bool IsClientIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':';
}
