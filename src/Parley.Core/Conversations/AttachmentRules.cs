using System.Globalization;
using System.Text;

namespace Parley.Core.Conversations;

/// <summary>A file sent with a message, as the client gave it: a name (only a hint) and the bytes.</summary>
public sealed record AttachmentInput(string? FileName, byte[] Content);

/// <summary>A file that passed <see cref="AttachmentRules"/>: a safe name and the type the server decided.</summary>
public sealed record CheckedAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>Why files were refused; each reason has a stable problem code.</summary>
public enum AttachmentRefusal
{
    /// <summary>A file has no bytes.</summary>
    Empty,
    /// <summary>A file is larger than <see cref="LimitsOptions.MaxAttachmentBytes"/>.</summary>
    TooLarge,
    /// <summary>More files than <see cref="LimitsOptions.MaxAttachmentsPerMessage"/>.</summary>
    TooMany,
    /// <summary>Together larger than <see cref="LimitsOptions.MaxAttachmentBytesPerMessage"/>.</summary>
    TotalTooLarge,
}

/// <summary>The first rule a set of files breaks, and the file that broke it (none for the whole-set rules).</summary>
public sealed record AttachmentRefused(AttachmentRefusal Reason, string? FileName);

/// <summary>
/// The rules for files that come from outside: how many, how large, what they are called and what type they
/// are served as. The workspace asks <see cref="Judge"/> before it reads a byte; the services call
/// <see cref="Check"/>, which refuses with a <see cref="ParleyProblem"/> before anything is stored.
/// </summary>
public static class AttachmentRules
{
    /// <summary>The field errors are reported on: the multipart field the files come in.</summary>
    public const string Field = "files";
    public const int MaxFileNameLength = 200;
    /// <summary>The name of a file whose name was empty or nothing but characters that are removed.</summary>
    public const string FallbackName = "attachment";
    // An extension longer than this is part of the name, not a type, and is cut like the rest of it.
    private const int MaxKeptExtensionLength = 16;

    public static IReadOnlyList<CheckedAttachment> Check(IReadOnlyList<AttachmentInput>? files, LimitsOptions limits)
    {
        if (files is null || files.Count == 0)
        {
            return [];
        }
        var named = files.Select(f => (Name: FileName(f.FileName), f.Content)).ToList();
        Refuse([.. named.Select(f => ((string?)f.Name, f.Content.LongLength))], limits);
        return [.. named.Select(f => new CheckedAttachment(f.Name, AttachmentTypes.Decide(f.Name, f.Content), f.Content))];
    }

    /// <summary>Throws the problem for the first rule the files (name and size) break, if any.</summary>
    public static void Refuse(IReadOnlyList<(string? FileName, long Size)> files, LimitsOptions limits)
    {
        if (Judge(files, limits) is { } refused)
        {
            throw Problem(refused, limits);
        }
    }

    /// <summary>The first rule the files break, or null when they may be sent.</summary>
    public static AttachmentRefused? Judge(IReadOnlyList<(string? FileName, long Size)> files, LimitsOptions limits)
    {
        if (files.Count > limits.MaxAttachmentsPerMessage)
        {
            return new(AttachmentRefusal.TooMany, null);
        }
        foreach (var (name, size) in files)
        {
            if (size <= 0)
            {
                return new(AttachmentRefusal.Empty, FileName(name));
            }
            if (size > limits.MaxAttachmentBytes)
            {
                return new(AttachmentRefusal.TooLarge, FileName(name));
            }
        }
        return files.Sum(f => f.Size) > limits.MaxAttachmentBytesPerMessage ? new(AttachmentRefusal.TotalTooLarge, null) : null;
    }

    public static ParleyProblem Problem(AttachmentRefused refused, LimitsOptions limits)
    {
        var (code, message) = refused.Reason switch
        {
            AttachmentRefusal.Empty => ("attachment-empty", $"The file \"{refused.FileName}\" is empty."),
            AttachmentRefusal.TooLarge => ("attachment-too-large",
                $"The file \"{refused.FileName}\" is larger than {limits.MaxAttachmentBytes} bytes, the most one file may be."),
            AttachmentRefusal.TooMany => ("too-many-attachments", $"A message can carry at most {limits.MaxAttachmentsPerMessage} files."),
            _ => ("attachments-too-large", $"The files of one message can be at most {limits.MaxAttachmentBytesPerMessage} bytes together."),
        };
        return ParleyProblem.Invalid(Field, message, code);
    }

    /// <summary>
    /// A name that is safe to show and to offer as a download name: the last part of any path, without
    /// control and formatting characters (which could hide or reverse part of it, as U+202E does), without
    /// characters file systems refuse, in NFC, at most <see cref="MaxFileNameLength"/> characters with its
    /// extension kept.
    /// </summary>
    public static string FileName(string? raw)
    {
        var name = raw ?? "";
        // Some browsers and mail clients send the whole path ("C:\Users\sam\report.pdf").
        var cut = name.LastIndexOfAny(['/', '\\']);
        name = cut >= 0 ? name[(cut + 1)..] : name;
        var kept = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                || rune == Rune.ReplacementChar)
            {
                continue; // EnumerateRunes turns a lone surrogate into U+FFFD
            }
            kept.Append(rune.Value is '"' or '<' or '>' or ':' or '|' or '?' or '*' ? "_" : rune.ToString());
        }
        // Trailing dots and spaces vanish on Windows; a name of only dots is a path, not a name.
        name = kept.ToString().Normalize(NormalizationForm.FormC).Trim().TrimEnd('.', ' ');
        if (name.Length == 0 || name.All(c => c == '.'))
        {
            return FallbackName;
        }
        return Shorten(name);
    }

    private static string Shorten(string name)
    {
        if (name.Length <= MaxFileNameLength)
        {
            return name;
        }
        var extension = Path.GetExtension(name);
        if (extension.Length > MaxKeptExtensionLength || extension.Length == name.Length)
        {
            extension = "";
        }
        var stem = new StringBuilder();
        // Whole runes only, so a cut never splits a surrogate pair.
        foreach (var rune in name[..^extension.Length].EnumerateRunes())
        {
            if (stem.Length + rune.Utf16SequenceLength + extension.Length > MaxFileNameLength)
            {
                break;
            }
            stem.Append(rune.ToString());
        }
        return stem.ToString().TrimEnd() + extension;
    }
}
