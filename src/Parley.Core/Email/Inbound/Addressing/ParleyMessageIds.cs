using MimeKit;
using MimeKit.Utils;

namespace Parley.Core.Email.Inbound.Addressing;

/// <summary>Which of Parley's Message-IDs an id is.</summary>
public enum ParleyMessageIdKind
{
    /// <summary><c>&lt;{email id:N}@domain&gt;</c>: one continuation email (the outbox row's id).</summary>
    Email,
    /// <summary><c>&lt;conversation-{conversation id:N}@domain&gt;</c>: the thread root every email of a conversation refers to.</summary>
    Conversation,
}

/// <summary>A Message-ID Parley made, read back: what it names and that thing's id.</summary>
public readonly record struct ParleyMessageId(ParleyMessageIdKind Kind, Guid Id);

/// <summary>
/// Reads the Message-IDs a reply answers (In-Reply-To, References) and keeps those Parley made, so a reply
/// whose token was lost (a client that replied to From, a forward) still finds its conversation.
/// </summary>
public static class ParleyMessageIds
{
    private const string ConversationPrefix = "conversation-";

    /// <summary>
    /// Parley's ids among In-Reply-To (in its order) then References (newest first, the reverse of its order),
    /// each once, whose domain is one of <paramref name="domains"/>: the most direct answer first.
    /// </summary>
    public static IReadOnlyList<ParleyMessageId> Find(MimeMessage message, IReadOnlyCollection<string> domains)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(domains);
        var ours = domains.Select(EmailAddresses.Domain).ToHashSet(StringComparer.Ordinal);
        var found = new List<ParleyMessageId>();
        // MimeMessage.InReplyTo keeps only the first id; some clients list several.
        var ids = Ids(message, HeaderId.InReplyTo).Concat(Ids(message, HeaderId.References).Reverse());
        foreach (var id in ids)
        {
            if (Parse(id, ours) is { } parsed && !found.Contains(parsed))
            {
                found.Add(parsed);
            }
        }
        return found;
    }

    /// <summary>The id named by one Message-ID (with or without angle brackets), if Parley made it for one of <paramref name="domains"/>.</summary>
    public static ParleyMessageId? Parse(string messageId, IReadOnlyCollection<string> domains)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        ArgumentNullException.ThrowIfNull(domains);
        return Parse(messageId.Trim().TrimStart('<').TrimEnd('>'), domains.Select(EmailAddresses.Domain).ToHashSet(StringComparer.Ordinal));
    }

    private static ParleyMessageId? Parse(string id, HashSet<string> domains)
    {
        var at = id.LastIndexOf('@');
        if (at <= 0 || !domains.Contains(EmailAddresses.Domain(id[(at + 1)..])))
        {
            return null;
        }
        var local = id[..at];
        var kind = ParleyMessageIdKind.Email;
        if (local.StartsWith(ConversationPrefix, StringComparison.OrdinalIgnoreCase))
        {
            kind = ParleyMessageIdKind.Conversation;
            local = local[ConversationPrefix.Length..];
        }
        // Exactly the "N" format Parley writes: 32 hex digits, no braces or dashes.
        return local.Length == 32 && Guid.TryParseExact(local, "N", out var guid) ? new ParleyMessageId(kind, guid) : null;
    }

    private static IEnumerable<string> Ids(MimeMessage message, HeaderId header) =>
        message.Headers.Where(h => h.Id == header).SelectMany(h => MimeUtils.EnumerateReferences(h.Value));
}
