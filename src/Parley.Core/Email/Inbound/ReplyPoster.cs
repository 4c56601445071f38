using Microsoft.Extensions.Options;
using MimeKit;
using Parley.Core.Conversations;
using Parley.Core.Email.Inbound.Trimming;

namespace Parley.Core.Email.Inbound;

/// <summary>
/// Turns an email into the end user's message: only the new text (quoted history and signature
/// removed), its attachments and inline images as files, channel "email". The message's client id is
/// the email's id, so posting the same email again returns the message stored the first time.
/// </summary>
public sealed class ReplyPoster(ConversationService conversations, IOptions<LimitsOptions> limits)
{
    public sealed record Posted(InboundEmailStatus Status, string? Detail);

    public async Task<Posted> PostAsync(InboundEmail email, MimeMessage message, Guid endUserId, CancellationToken ct)
    {
        var notes = new List<string>();
        var trimmed = ReplyBody.From(message).Trimmed;
        var files = EmailAttachments.Read(message, limits.Value, notes);
        var max = limits.Value.MaxMessageLength;
        var text = trimmed.Replace("\0", "", StringComparison.Ordinal);
        if (text.Length > max)
        {
            text = text[..(max - 1)] + "…";
            notes.Add($"The text was cut to {max:N0} characters; the original email has all of it.");
        }
        email.Text = text;
        if (text.Length == 0 && files.Count == 0)
        {
            return new Posted(InboundEmailStatus.Empty, "Nothing of the customer's own was left once quoted history and signatures were removed.");
        }
        var posted = await conversations.PostFromEndUserAsync(endUserId, email.ConversationId!.Value,
            new EndUserMessageInput(text, $"email-{email.Id:N}", MessageChannel.Email, Attachments: files), ct);
        (email.ConversationId, email.PostedMessageId) = (posted.Conversation.Id, posted.Message.Id);
        return new Posted(InboundEmailStatus.Posted, notes.Count == 0 ? null : string.Join(" ", notes));
    }
}
