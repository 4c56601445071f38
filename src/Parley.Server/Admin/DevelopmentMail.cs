using MimeKit;

namespace Parley.Server.Admin;

/// <summary>
/// One message of the development mailbox as the admin center shows it: the headers a developer checks
/// (threading, Reply-To, unsubscribe), the two bodies and the attachments' names, read once from the file.
/// </summary>
public sealed record DevelopmentMail(
    string Id, string From, string To, string ReplyTo, string Subject, string? Date, string? MessageId, string? InReplyTo,
    string? ListUnsubscribe, string? Text, string? Html, IReadOnlyList<string> Attachments)
{
    public static DevelopmentMail Of(string id, MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new DevelopmentMail(id, message.From.ToString(), message.To.ToString(), message.ReplyTo.ToString(), message.Subject ?? "",
            message.Headers[HeaderId.Date], message.MessageId, message.InReplyTo, message.Headers[HeaderId.ListUnsubscribe],
            message.TextBody, message.HtmlBody,
            [.. message.Attachments.Select(a => a.ContentDisposition?.FileName ?? a.ContentType.Name ?? a.ContentType.MimeType)]);
    }
}
