using MimeKit;

namespace Parley.Core.Email.Outbound;

/// <summary>Outbound mail over SMTP: a reusable session for a batch of sends, and the admin's connection check.</summary>
public static class SmtpDelivery
{
    /// <summary>
    /// A session that keeps one connection open across sends (connect and sign-in cost far more than a message),
    /// opening it on the first send and reopening it after it was lost. Dispose it to say QUIT.
    /// </summary>
    public static IMailDelivery Open(SmtpSettings settings, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(clock);
        return new SmtpSession(settings, clock);
    }

    /// <summary>
    /// The admin's "send test email": connects, signs in when a user name is set, and sends
    /// <paramref name="testMessage"/> if given. The result says what went wrong in words an admin can act on.
    /// </summary>
    public static async Task<DeliveryResult> CheckAsync(SmtpSettings settings, MimeMessage? testMessage, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var session = new SmtpSession(settings, TimeProvider.System);
        return testMessage is null ? await session.ConnectAsync(ct).ConfigureAwait(false) : await session.SendAsync(testMessage, ct).ConfigureAwait(false);
    }
}
