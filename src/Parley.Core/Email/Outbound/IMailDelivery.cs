using MimeKit;

namespace Parley.Core.Email.Outbound;

/// <summary>A session that hands messages over one by one: to an SMTP server, or into the development mailbox.</summary>
public interface IMailDelivery : IAsyncDisposable
{
    /// <summary>
    /// Sends one message over the session's connection, opening or reopening it as needed. SMTP and network
    /// failures are classified into the result, never thrown; cancelling <paramref name="ct"/> throws.
    /// </summary>
    Task<DeliveryResult> SendAsync(MimeMessage message, CancellationToken ct);
}
