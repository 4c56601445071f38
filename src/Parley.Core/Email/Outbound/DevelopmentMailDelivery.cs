using MimeKit;

namespace Parley.Core.Email.Outbound;

/// <summary>The development mailbox seen as a delivery, so the outbox worker treats it like an SMTP session.</summary>
internal sealed class DevelopmentMailDelivery(DevelopmentMailbox mailbox) : IMailDelivery
{
    public Task<DeliveryResult> SendAsync(MimeMessage message, CancellationToken ct) => mailbox.SaveAsync(message, ct);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
