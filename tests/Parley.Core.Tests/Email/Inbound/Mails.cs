using System.Text;
using MimeKit;

namespace Parley.Core.Tests.Email.Inbound;

/// <summary>Builds test messages from raw header and body text, as they arrive.</summary>
internal static class Mails
{
    public static MimeMessage Parse(string raw)
    {
        // Tests write LF; mail on the wire has CRLF. MimeKit reads both, but keep the tests honest.
        var crlf = raw.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(crlf));
        return MimeMessage.Load(stream);
    }

    /// <summary>A plain message with the given header lines and a short body.</summary>
    public static MimeMessage WithHeaders(params string[] headers) =>
        Parse(string.Join("\n", headers.Append("Content-Type: text/plain; charset=utf-8")) + "\n\nHello\n");
}
