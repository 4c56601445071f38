using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Parley.Core.Accounts;
using Parley.Core.Data;
using Parley.Core.Events;
using Parley.Core.Security;

namespace Parley.Core.Email.Outbound;

/// <summary>
/// Delivers the outbox: claims due emails with a lease (committed before anything is sent, so a server
/// that dies mid-batch leaves them to the next), sends each support address's share over one connection,
/// and records every attempt, committing each result while the next email is being sent
/// (<see cref="OutboxResults"/>). Temporary failures come back with growing back-off; permanent ones (5xx)
/// fail the email and mark the end user's address as bouncing. Connections stay open across the batches
/// of one scope (a round of the email worker) and are closed with it.
/// </summary>
public sealed class OutboxDelivery(
    AppDbContext db, TimeProvider clock, IOptions<EmailOptions> options, ISecretProtector secrets, DevelopmentMailbox mailbox,
    IEventPublisher events) : IAsyncDisposable
{
    // Per support address, with the settings it was opened with: an address whose settings changed gets a new one.
    private readonly Dictionary<Guid, (RouteSettings Settings, IMailDelivery Delivery)> _open = [];

    /// <summary>Delivers one batch; returns how many emails it attempted (a full batch means more may be due).</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var claimed = await ClaimAsync(ct);
        if (claimed.Count == 0)
        {
            return 0;
        }
        var enabled = await db.Settings.Where(s => s.Id == AccountSettings.SingletonId).Select(s => s.ContinuousConversationsEnabled).FirstAsync(ct);
        var addressIds = claimed.Select(e => e.SupportAddressId).Distinct().ToList();
        var addresses = await db.SupportAddresses.AsNoTracking().Where(a => addressIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        // From here on only the results use the database, in the background.
        await using var results = new OutboxResults(db, clock, options, events);
        foreach (var group in claimed.GroupBy(e => e.SupportAddressId))
        {
            var delivery = addresses.GetValueOrDefault(group.Key) is { } address ? await DeliveryForAsync(address) : null;
            foreach (var email in group)
            {
                await results.ReserveAsync(ct);
                var result = delivery is null ? new DeliveryResult(DeliveryOutcome.TemporaryFailure, "The support address no longer exists.")
                    : email.Kind == OutboundEmailKind.Continuation && !enabled ? null
                    : await delivery.SendAsync(await MimeMessage.LoadAsync(new MemoryStream(email.Mime), ct), ct);
                results.Add(email, result);
            }
        }
        await results.CompleteAsync();
        return claimed.Count;
    }

    /// <summary>When the next queued email becomes due, to sleep until then.</summary>
    public Task<DateTimeOffset?> NextDueAsync(CancellationToken ct) =>
        db.OutboundEmails.Where(e => e.DueAt != null).OrderBy(e => e.DueAt).Select(e => e.DueAt).FirstOrDefaultAsync(ct);

    private async Task<List<OutboundEmail>> ClaimAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var lease = now.AddSeconds(options.Value.LeaseSeconds);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Sending rows whose lease ended were left by a server that stopped; their DueAt is the lease's end.
        var due = await db.OutboundEmails.AsNoTracking()
            .Where(e => e.DueAt != null && e.DueAt <= now)
            .OrderBy(e => e.DueAt)
            .Take(options.Value.DeliveryBatchSize)
            .ForClaim()
            .ToListAsync(ct);
        if (due.Count == 0)
        {
            return due;
        }
        // One statement for the whole batch's lease; the rows stay locked by the select until the commit.
        var ids = due.Select(e => e.Id).ToList();
        await db.OutboundEmails.Where(e => ids.Contains(e.Id)).ExecuteUpdateAsync(u => u
            .SetProperty(e => e.Status, OutboundEmailStatus.Sending).SetProperty(e => e.DueAt, lease).SetProperty(e => e.Attempts, e => e.Attempts + 1), ct);
        await tx.CommitAsync(ct);
        foreach (var e in due)
        {
            (e.Status, e.DueAt, e.Attempts) = (OutboundEmailStatus.Sending, lease, e.Attempts + 1);
        }
        return due;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, delivery) in _open.Values)
        {
            await delivery.DisposeAsync();
        }
        _open.Clear();
    }

    /// <summary>The address's open connection from an earlier batch, or a new one (say QUIT once per round, not once per batch).</summary>
    private async ValueTask<IMailDelivery> DeliveryForAsync(SupportAddress address)
    {
        var settings = new RouteSettings(address.Route, address.SmtpHost, address.SmtpPort, address.SmtpTls, address.SmtpUserName, address.SmtpPasswordProtected);
        if (_open.TryGetValue(address.Id, out var open))
        {
            if (open.Settings == settings)
            {
                return open.Delivery;
            }
            await open.Delivery.DisposeAsync();
        }
        var delivery = Open(address);
        _open[address.Id] = (settings, delivery);
        return delivery;
    }

    private sealed record RouteSettings(OutboundRoute Route, string? Host, int Port, SmtpTlsMode Tls, string? UserName, string? PasswordProtected);

    private IMailDelivery Open(SupportAddress address) => address.Route switch
    {
        OutboundRoute.Smtp => SmtpDelivery.Open(new SmtpSettings(address.SmtpHost ?? "", address.SmtpPort, address.SmtpTls, address.SmtpUserName,
            address.SmtpPasswordProtected is { } p ? secrets.Unprotect(p) : null), clock),
        _ => mailbox.Open(),
    };

    /// <summary>30 s, 1 min, 2 min ... doubling up to an hour between attempts.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Max(0, attempts - 1))));
}
