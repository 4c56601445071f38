using System.Net.Mail;

namespace Parley.Core.EndUsers;

/// <summary>
/// What Parley accepts as an end user's email address: a plain ASCII address with a dotted domain.
/// Addresses with accented or other non-ASCII characters are refused (as the help desk Parley follows
/// does), with their own error so the messenger can say why.
/// </summary>
public static class EmailAddressRules
{
    public const int MaxLength = 254;

    /// <summary>The address, trimmed; or a validation problem coded invalid-email or accented-email.</summary>
    public static string Check(string? input)
    {
        var email = input?.Trim() ?? "";
        if (email.Any(c => c > 127))
        {
            throw new ParleyProblem(ProblemKind.Validation, "accented-email",
                "Email addresses with accented or non-Latin characters are not supported.",
                new Dictionary<string, string[]> { ["email"] = ["Use an address without accented characters."] });
        }
        if (email.Length is 0 or > MaxLength || email.Any(char.IsWhiteSpace) ||
            !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email ||
            parsed.Host.Length < 3 || !parsed.Host.Contains('.', StringComparison.Ordinal) ||
            parsed.Host.StartsWith('.') || parsed.Host.EndsWith('.') || email.Contains("..", StringComparison.Ordinal))
        {
            throw new ParleyProblem(ProblemKind.Validation, "invalid-email", "That is not an email address.",
                new Dictionary<string, string[]> { ["email"] = ["Enter an address like name@example.com."] });
        }
        return email;
    }
}
