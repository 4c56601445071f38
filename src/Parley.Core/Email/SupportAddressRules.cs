using Parley.Core.Email.Outbound;

namespace Parley.Core.Email;

/// <summary>Limits of a support address's fields, and the checks its SMTP and IMAP servers share.</summary>
public static class SupportAddressRules
{
    public const int MaxDisplayNameLength = 100;
    public const int MaxPasswordLength = 500;

    /// <summary>
    /// Checks a mail server's host, port, security and password as an admin typed them, reporting each problem
    /// on <paramref name="prefix"/>Host, …Port, …Tls, …Password; returns the host, trimmed.
    /// </summary>
    public static string CheckServer(
        string prefix, string protocol, string? host, int port, SmtpTlsMode tls, string? password, string portHint, Action<string, string> error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var trimmed = host?.Trim() ?? "";
        if (trimmed.Length is 0 or > 255 || Uri.CheckHostName(trimmed) == UriHostNameType.Unknown)
        {
            error(prefix + "Host", $"Enter the {protocol} server's host name, like {protocol.ToLowerInvariant()}.example.com.");
        }
        if (port is < 1 or > 65535)
        {
            error(prefix + "Port", $"Enter a port from 1 to 65535 ({portHint}).");
        }
        if (!Enum.IsDefined(tls))
        {
            error(prefix + "Tls", "Choose how the connection is secured.");
        }
        if (password is { Length: > MaxPasswordLength })
        {
            error(prefix + "Password", "The password is too long.");
        }
        return trimmed;
    }
}
