using System.Globalization;
using System.Text;

namespace Parley.Core.Email.Inbound.Addressing;

/// <summary>
/// One spelling per mailbox, for asking whether an email's sender is the conversation's end user.
/// </summary>
/// <remarks>
/// Case is folded in the local part too: RFC 5321 lets a server tell <c>Ann@</c> from <c>ann@</c>, but the
/// providers people actually use do not, and a user who types their address capitalised in the messenger
/// and replies from their mail client must still be recognised. Nothing else is folded: dots and
/// <c>+tags</c> are meaningful at most providers (and where they are not, only that provider knows), so
/// stripping them would let <c>ann+x@</c> or <c>a.nn@</c>, a mailbox someone else may own, pass as Ann.
/// </remarks>
public static class EmailAddresses
{
    /// <summary>
    /// The address trimmed and unfolded, without angle brackets or display name, quotes removed from a quoted
    /// local part, in Unicode NFC, lower case, and with an internationalised domain in its ASCII (punycode) form.
    /// </summary>
    public static string Normalize(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var value = Unfold(address).Trim();
        // "Ann <ann@example.com>" or "<ann@example.com>": the part in the brackets is the address.
        if (value.EndsWith('>') && value.LastIndexOf('<') is var open and >= 0)
        {
            value = value[(open + 1)..^1].Trim();
        }
        value = value.Normalize(NormalizationForm.FormC);
        var at = value.LastIndexOf('@');
        if (at <= 0 || at == value.Length - 1)
        {
            return value.ToLowerInvariant();
        }
        return $"{LocalPart(value[..at])}@{Domain(value[(at + 1)..])}";
    }

    /// <summary>Whether two addresses name the same mailbox by <see cref="Normalize"/>; never for a missing address.</summary>
    public static bool SameMailbox(string? a, string? b) =>
        !string.IsNullOrWhiteSpace(a) && !string.IsNullOrWhiteSpace(b) && string.Equals(Normalize(a), Normalize(b), StringComparison.Ordinal);

    /// <summary>The local part and domain of a normalized address; null when it has no '@'.</summary>
    internal static (string Local, string Domain)? Split(string address)
    {
        var normalized = Normalize(address);
        var at = normalized.LastIndexOf('@');
        return at <= 0 || at == normalized.Length - 1 ? null : (normalized[..at], normalized[(at + 1)..]);
    }

    /// <summary>A domain as compared: lower-case ASCII, punycode for an internationalised name, no trailing root dot.</summary>
    internal static string Domain(string domain)
    {
        var value = domain.Trim().TrimEnd('.').Normalize(NormalizationForm.FormC);
        try
        {
            // IdnMapping's instances are not documented as thread-safe; one per call is cheap.
            value = new IdnMapping().GetAscii(value);
        }
        catch (ArgumentException)
        {
            // An address literal ([192.0.2.1]) or a malformed name: compare it as written.
        }
        return value.ToLowerInvariant();
    }

    private static string LocalPart(string local)
    {
        // "ann"@example.com and ann@example.com are the same mailbox (RFC 5321 §4.1.2).
        if (local.Length >= 2 && local[0] == '"' && local[^1] == '"')
        {
            local = local[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        }
        return local.ToLowerInvariant();
    }

    private static string Unfold(string value) =>
        value.Contains('\r', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal)
            ? value.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal)
            : value;
}
