using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Core.Data;
using Parley.Core.Email;
using Parley.Core.Email.Inbound;

namespace Parley.Server.Workers;

/// <summary>
/// Reads every support mailbox whose replies come over IMAP, one reader per mailbox. Safe on every
/// server: a mailbox is leased, so one server reads it and another takes over when that one stops.
/// </summary>
public sealed partial class MailboxWorker(IServiceScopeFactory scopes, IOptions<EmailOptions> options, TimeProvider clock, ILogger<MailboxWorker> log)
    : BackgroundService
{
    // Names this server's leases; a restarted server is a new owner and waits for its old leases to end.
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);
    private readonly Dictionary<Guid, Task> _reading = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var done in _reading.Where(r => r.Value.IsCompleted).Select(r => r.Key).ToList())
                {
                    _reading.Remove(done);
                }
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var mailboxes = await db.SupportAddresses.AsNoTracking().Where(a => a.InboundRoute == InboundRoute.Imap).Select(a => a.Id).ToListAsync(stoppingToken);
                foreach (var id in mailboxes.Where(id => !_reading.ContainsKey(id)))
                {
                    _reading[id] = ReadAsync(id, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e);
            }
            await Task.Delay(poll, clock, stoppingToken);
        }
        await Task.WhenAll(_reading.Values);
    }

    private async Task ReadAsync(Guid supportAddressId, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var ended = await scope.ServiceProvider.GetRequiredService<MailboxReader>().ReadAsync(supportAddressId, _owner, ct);
            if (ended == MailboxReader.Ended.Failed)
            {
                // A wrong password or a server that is down: try again later, not every few seconds.
                await Task.Delay(RetryAfterFailure, clock, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception e)
        {
            LogReadFailed(e, supportAddressId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for support mailboxes to read failed; will retry")]
    private partial void LogFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading support mailbox {SupportAddressId} failed; will retry")]
    private partial void LogReadFailed(Exception e, Guid supportAddressId);
}
