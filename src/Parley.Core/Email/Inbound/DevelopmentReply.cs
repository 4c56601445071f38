using MimeKit;
using MimeKit.Utils;

namespace Parley.Core.Email.Inbound;

/// <summary>
/// The reply a customer's mail client would send to an email in the development mailbox: from its
/// recipient to its Reply-To, threaded to it, the new text above the quoted original. It goes through the
/// real inbound pipeline, so the whole round trip can be tried without a mail server.
/// </summary>
public static class DevelopmentReply
{
    public static MimeMessage To(MimeMessage original, string text, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(original);
        var reply = new MimeMessage
        {
            Subject = original.Subject is { } s && s.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? s : $"Re: {original.Subject}",
            Date = now,
            MessageId = MimeUtils.GenerateMessageId(original.To.Mailboxes.FirstOrDefault()?.Domain ?? "localhost"),
        };
        reply.From.AddRange(original.To.Mailboxes);
        reply.To.AddRange(original.ReplyTo.Count > 0 ? original.ReplyTo : original.From);
        if (original.MessageId is { } id)
        {
            reply.InReplyTo = id;
            reply.References.AddRange(original.References);
            reply.References.Add(id);
        }
        var quoted = string.Join("\n", (original.TextBody ?? "").ReplaceLineEndings("\n").Split('\n').Select(l => "> " + l));
        var sender = original.From.Mailboxes.FirstOrDefault();
        reply.Body = new TextPart("plain")
        {
            Text = $"{text.Trim()}\n\nOn {original.Date:ddd, d MMM yyyy} at {original.Date:HH:mm}, {sender?.Name} <{sender?.Address}> wrote:\n{quoted}\n",
        };
        return reply;
    }
}
