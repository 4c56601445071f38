using MimeKit;

namespace Parley.Core.Email.Inbound;

/// <summary>
/// Turns the bytes of an incoming email into a parsed message, or refuses it with a clear reason before
/// anything is stored: too large, not an email at all, or without a sender.
/// </summary>
public static class InboundParsing
{
    // Deeper nesting is no real client's work; bounding it keeps a crafted email from costing much.
    private static readonly ParserOptions Options = new() { MaxMimeDepth = 32 };

    public static MimeMessage Parse(byte[] raw, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (raw.Length > maxBytes)
        {
            throw new ParleyProblem(ProblemKind.TooLarge, "email-too-large",
                $"The email is {raw.Length:N0} bytes; Parley accepts emails of up to {maxBytes:N0} bytes.");
        }
        if (raw.Length == 0)
        {
            throw Invalid("The email is empty.");
        }
        MimeMessage message;
        try
        {
            using var stream = new MemoryStream(raw, writable: false);
            message = MimeMessage.Load(Options, stream);
        }
        catch (FormatException e)
        {
            throw Invalid($"This is not an email Parley can read: {e.Message}");
        }
        if (message.Headers.Count == 0)
        {
            throw Invalid("The email has no headers; send the whole message as received (RFC 5322), headers first.");
        }
        if (message.From.Mailboxes.FirstOrDefault() is not { Address.Length: > 0 } from || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            throw Invalid("The email has no sender address (From).");
        }
        return message;
    }

    private static ParleyProblem Invalid(string why) => new(ProblemKind.Validation, "invalid-email-message", why,
        new Dictionary<string, string[]> { ["message"] = [why] });
}
