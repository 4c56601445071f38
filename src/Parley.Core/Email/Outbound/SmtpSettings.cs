using System.Text;

namespace Parley.Core.Email.Outbound;

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpTlsMode
{
    /// <summary>Plain text; only for a relay on the same host or a trusted network.</summary>
    None,

    /// <summary>Upgrade with STARTTLS when the server offers it, otherwise stay plain.</summary>
    StartTlsWhenAvailable,

    /// <summary>Require STARTTLS (usually port 587); a server without it is a configuration error.</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
}

/// <summary>The one mapping of <see cref="SmtpTlsMode"/> onto MailKit's socket options, for SMTP and IMAP alike.</summary>
public static class SmtpTlsModes
{
    public static MailKit.Security.SecureSocketOptions ToSocketOptions(this SmtpTlsMode mode) => mode switch
    {
        SmtpTlsMode.None => MailKit.Security.SecureSocketOptions.None,
        SmtpTlsMode.StartTlsWhenAvailable => MailKit.Security.SecureSocketOptions.StartTlsWhenAvailable,
        SmtpTlsMode.StartTls => MailKit.Security.SecureSocketOptions.StartTls,
        SmtpTlsMode.SslOnConnect => MailKit.Security.SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown TLS mode."),
    };
}

/// <summary>Where and how outbound mail is handed to an SMTP server.</summary>
/// <param name="Timeout">Bounds connecting and each command; 30 seconds when not given.</param>
public sealed record SmtpSettings(string Host, int Port, SmtpTlsMode Tls, string? UserName, string? Password, TimeSpan? Timeout = null)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public TimeSpan EffectiveTimeout => Timeout is { } t && t > TimeSpan.Zero ? t : DefaultTimeout;

    // A record prints every member; settings end up in logs and exception messages, the password must not.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Host = ").Append(Host)
            .Append(", Port = ").Append(Port)
            .Append(", Tls = ").Append(Tls)
            .Append(", UserName = ").Append(UserName)
            .Append(", Password = ").Append(Password is null ? "" : "***")
            .Append(", Timeout = ").Append(EffectiveTimeout);
        return true;
    }
}
