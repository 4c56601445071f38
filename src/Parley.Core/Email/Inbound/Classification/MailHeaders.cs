using MimeKit;
using Parley.Core.Email.Inbound.Addressing;

namespace Parley.Core.Email.Inbound.Classification;

/// <summary>Header readings that the automatic-reply and bounce rules share.</summary>
internal static class MailHeaders
{
    /// <summary>The first value of a header, trimmed; null when absent.</summary>
    public static string? Value(MimeMessage message, string name) => message.Headers[name]?.Trim();

    /// <summary>The lower-case local parts of From, Sender and Return-Path: who says they sent it.</summary>
    public static IEnumerable<string> SenderLocalParts(MimeMessage message)
    {
        var addresses = message.From.Mailboxes.Select(m => m.Address);
        if (message.Sender is { } sender)
        {
            addresses = addresses.Append(sender.Address);
        }
        if (Value(message, "Return-Path") is { Length: > 0 } returnPath)
        {
            addresses = addresses.Append(returnPath);
        }
        return addresses.Select(EmailAddresses.Split).OfType<(string Local, string Domain)>().Select(a => a.Local);
    }

    /// <summary>
    /// Whether the envelope sender was null (<c>Return-Path: &lt;&gt;</c>): RFC 5321 and RFC 3834 ask bounces and
    /// automatic responses to use it, so that nothing answers them; a person's mail always has a return address.
    /// </summary>
    public static bool HasNullSender(MimeMessage message) =>
        Value(message, "Return-Path") is { } returnPath && returnPath.Replace(" ", "", StringComparison.Ordinal) is "<>" or "";

    /// <summary>The header only a bounce carries: Exim's and Gmail's X-Failed-Recipients, Exchange's NDR mark; null when none.</summary>
    public static string? BounceHeader(MimeMessage message) =>
        ((string[])["X-Failed-Recipients", "X-MS-Exchange-Message-Is-Ndr"]).FirstOrDefault(message.Headers.Contains);

    /// <summary>MAILER-DAEMON and postmaster: the names mail servers send their reports under.</summary>
    public static bool IsMailSystem(string localPart) =>
        Squeeze(localPart) is "mailerdaemon" or "maildaemon" or "postmaster" or "mailsystem" or "maildeliverysystem" or "maildeliverysubsystem";

    /// <summary>no-reply, noreply, do-not-reply and their variants (noreply-billing@, no_reply+x@).</summary>
    public static bool IsNoReply(string localPart) =>
        Squeeze(localPart) is var squeezed && (squeezed.StartsWith("noreply", StringComparison.Ordinal) || squeezed.StartsWith("donotreply", StringComparison.Ordinal));

    /// <summary>The first token of a structured value ("auto-replied; owner-email=…" → "auto-replied"), lower case.</summary>
    public static string Token(string value)
    {
        var end = value.IndexOfAny([';', ' ', '\t', '(']);
        return (end < 0 ? value : value[..end]).Trim().ToLowerInvariant();
    }

    /// <summary>Whether a flag header's value says yes: present and not "no", "false" or "0".</summary>
    public static bool IsSet(string? value) => value is not null && Token(value) is not ("no" or "false" or "0");

    private static string Squeeze(string localPart) =>
        new([.. localPart.ToLowerInvariant().Where(c => c is not ('-' or '_' or '.'))]);
}
