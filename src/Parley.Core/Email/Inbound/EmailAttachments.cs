using MimeKit;
using Parley.Core.Conversations;

namespace Parley.Core.Email.Inbound;

/// <summary>
/// The files of an email: attachments, inline images and attached emails, in the order they came, under
/// the same limits as files agents send. A file that breaks a limit is left out with a note; the
/// original email keeps it.
/// </summary>
public static class EmailAttachments
{
    public static IReadOnlyList<AttachmentInput> Read(MimeMessage message, LimitsOptions limits, List<string> notes)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(notes);
        var kept = new List<AttachmentInput>();
        foreach (var entity in message.BodyParts)
        {
            if (File(entity) is not { } file)
            {
                continue;
            }
            var candidate = kept.Select(k => (k.FileName, k.Content.LongLength)).Append((file.FileName, file.Content.LongLength)).ToList();
            if (AttachmentRules.Judge(candidate, limits) is { } refused)
            {
                notes.Add($"{file.FileName} was not kept ({Why(refused.Reason, limits)}).");
                continue;
            }
            kept.Add(file);
        }
        return kept;
    }

    private static AttachmentInput? File(MimeEntity entity)
    {
        switch (entity)
        {
            case TextPart text when !text.IsAttachment:
                return null; // the body, in its text or HTML form
            case MessagePart { Message: not null } attached:
                using (var bytes = new MemoryStream())
                {
                    attached.Message.WriteTo(bytes);
                    return new AttachmentInput(Name(attached, attached.Message.Subject is { Length: > 0 } s ? s + ".eml" : "message.eml"), bytes.ToArray());
                }
            case MimePart part when part.Content is not null:
                using (var bytes = new MemoryStream())
                {
                    part.Content.DecodeTo(bytes);
                    return bytes.Length == 0 ? null : new AttachmentInput(Name(part, Fallback(part)), bytes.ToArray());
                }
            default:
                return null;
        }
    }

    private static string Name(MimeEntity entity, string fallback) =>
        entity.ContentDisposition?.FileName ?? entity.ContentType.Name ?? fallback;

    /// <summary>Inline images often come without a name ("image001.png" is what mail clients call them).</summary>
    private static string Fallback(MimePart part) =>
        MimeTypes.TryGetExtension(part.ContentType.MimeType, out var extension) ? $"{part.ContentType.MediaType}{extension}" : "attachment";

    private static string Why(AttachmentRefusal reason, LimitsOptions limits) => reason switch
    {
        AttachmentRefusal.TooLarge => $"larger than {limits.MaxAttachmentBytes / (1024 * 1024)} MB",
        AttachmentRefusal.TooMany => $"more than {limits.MaxAttachmentsPerMessage} files",
        AttachmentRefusal.TotalTooLarge => $"all files together over {limits.MaxAttachmentBytesPerMessage / (1024 * 1024)} MB",
        _ => "empty",
    };
}
