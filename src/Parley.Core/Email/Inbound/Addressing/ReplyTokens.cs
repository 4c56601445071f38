using MimeKit;

namespace Parley.Core.Email.Inbound.Addressing;

/// <summary>
/// Finds the conversation token in the address a reply was sent to: <c>support+token@domain</c>, the Reply-To
/// of every continuation email (<see cref="SupportAddress.ReplyAddressFor"/>).
/// </summary>
public static class ReplyTokens
{
    /// <summary>Tokens are 26 characters of lowercase base32 (130 bits), as the continuation email makes them.</summary>
    public const int Length = 26;

    /// <summary>
    /// Where a server records the address it delivered to, after To and Cc: a reply that reached us as Bcc, through
    /// a forward or an alias carries the token only there. Delivered-To (Postfix, Dovecot, Gmail), X-Original-To
    /// (Postfix), Envelope-To (Exim), X-Forwarded-To (Gmail forwarding).
    /// </summary>
    private static readonly string[] DeliveryHeaders = ["Delivered-To", "X-Original-To", "Envelope-To", "X-Forwarded-To"];

    /// <summary>
    /// The token of the first recipient, in the order To, Cc, then the delivery headers, that is one of
    /// <paramref name="supportAddresses"/> with <c>+token</c> added; null when none is.
    /// The token is returned in lower case: some servers upper-case the addresses they deliver to.
    /// </summary>
    public static string? Find(MimeMessage message, IReadOnlyCollection<string> supportAddresses)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(supportAddresses);
        var supports = supportAddresses.Select(EmailAddresses.Split).OfType<(string Local, string Domain)>().ToList();
        if (supports.Count == 0)
        {
            return null;
        }
        foreach (var recipient in Recipients(message))
        {
            if (TokenOf(recipient, supports) is { } token)
            {
                return token;
            }
        }
        return null;
    }

    /// <summary>Whether <paramref name="token"/> has the form of a reply token (lower case).</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => c is >= 'a' and <= 'z' or >= '2' and <= '7');

    private static string? TokenOf(string recipient, List<(string Local, string Domain)> supports)
    {
        if (EmailAddresses.Split(recipient) is not var (local, domain))
        {
            return null;
        }
        foreach (var support in supports)
        {
            // The support local part may hold a '+' itself (help+acme@); the token is what follows it and one more '+'.
            if (domain == support.Domain && local.Length == support.Local.Length + 1 + Length &&
                local.StartsWith(support.Local, StringComparison.Ordinal) && local[support.Local.Length] == '+')
            {
                var token = local[(support.Local.Length + 1)..];
                if (IsWellFormed(token))
                {
                    return token;
                }
            }
        }
        return null;
    }

    private static IEnumerable<string> Recipients(MimeMessage message)
    {
        foreach (var mailbox in message.To.Mailboxes.Concat(message.Cc.Mailboxes))
        {
            yield return mailbox.Address;
        }
        foreach (var name in DeliveryHeaders)
        {
            foreach (var header in message.Headers.Where(h => string.Equals(h.Field, name, StringComparison.OrdinalIgnoreCase)))
            {
                foreach (var address in Addresses(header.Value))
                {
                    yield return address;
                }
            }
        }
    }

    /// <summary>The addresses in a header value; a value MimeKit cannot parse is split into its words.</summary>
    private static IEnumerable<string> Addresses(string value) =>
        InternetAddressList.TryParse(value, out var list)
            ? list.Mailboxes.Select(m => m.Address)
            : value.Split([' ', '\t', ',', ';', '<', '>'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Contains('@', StringComparison.Ordinal));
}
