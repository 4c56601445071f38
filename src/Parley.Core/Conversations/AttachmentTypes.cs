namespace Parley.Core.Conversations;

/// <summary>
/// Decides the content type a file is stored and served as. The client's claim is never used: the type
/// comes from the file name's extension, and for images from the bytes themselves, so only a real PNG,
/// JPEG, GIF or WebP image is ever shown inline.
/// </summary>
public static class AttachmentTypes
{
    public const string OctetStream = "application/octet-stream";

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".gif"] = "image/gif", [".webp"] = "image/webp",
        [".svg"] = "image/svg+xml", [".bmp"] = "image/bmp", [".tif"] = "image/tiff", [".tiff"] = "image/tiff", [".heic"] = "image/heic",
        [".pdf"] = "application/pdf", [".txt"] = "text/plain", [".log"] = "text/plain", [".csv"] = "text/csv", [".md"] = "text/markdown",
        [".json"] = "application/json", [".xml"] = "application/xml", [".html"] = "text/html", [".htm"] = "text/html",
        [".rtf"] = "application/rtf", [".ics"] = "text/calendar", [".eml"] = "message/rfc822",
        [".zip"] = "application/zip", [".gz"] = "application/gzip", [".7z"] = "application/x-7z-compressed", [".tar"] = "application/x-tar",
        [".doc"] = "application/msword", [".xls"] = "application/vnd.ms-excel", [".ppt"] = "application/vnd.ms-powerpoint",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".odt"] = "application/vnd.oasis.opendocument.text", [".ods"] = "application/vnd.oasis.opendocument.spreadsheet",
        [".odp"] = "application/vnd.oasis.opendocument.presentation",
        [".mp3"] = "audio/mpeg", [".m4a"] = "audio/mp4", [".wav"] = "audio/wav", [".ogg"] = "audio/ogg",
        [".mp4"] = "video/mp4", [".mov"] = "video/quicktime", [".webm"] = "video/webm",
    };

    /// <summary>The types a browser may show in the page; each one is only ever given to bytes that are such an image.</summary>
    public static bool IsInlineImage(string contentType) => contentType is "image/png" or "image/jpeg" or "image/gif" or "image/webp";

    public static string Decide(string fileName, ReadOnlySpan<byte> content)
    {
        var named = ByExtension.GetValueOrDefault(Path.GetExtension(fileName));
        var sniffed = SniffImage(content);
        if (sniffed is not null && (named is null || named.StartsWith("image/", StringComparison.Ordinal)))
        {
            // The bytes say which image it is (a ".jpg" that is really a PNG is served as a PNG).
            return sniffed;
        }
        // A name that promises an inline image over bytes that are not one: a download, nothing more.
        return named is null || IsInlineImage(named) ? OctetStream : named;
    }

    /// <summary>The image type the bytes begin with (their magic numbers), or null.</summary>
    public static string? SniffImage(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }
        if (b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }
        if (b.Length >= 12 && b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }
        return null;
    }
}
