using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Core.Data;
using Parley.Core.Security;

namespace Parley.Core.Email.Inbound;

/// <summary>
/// Reads one support mailbox over IMAP into the <see cref="InboundPipeline"/>. Only the server holding
/// the mailbox's lease reads it; each email is handled and then the checkpoint (UIDVALIDITY, last UID)
/// moves past it, so a restart neither skips nor repeats one (an email handled but not yet checkpointed
/// is found again by its Message-ID and not posted twice). Waits for new mail with IDLE where offered.
/// </summary>
public sealed class MailboxReader(
    AppDbContext db, InboundPipeline pipeline, ISecretProtector secrets, TimeProvider clock, IOptions<EmailOptions> options)
{
    /// <summary>How reading a mailbox ended.</summary>
    public enum Ended
    {
        /// <summary>Another server holds the lease, or the address is no longer read over IMAP.</summary>
        NotOurs,
        /// <summary>The settings changed or the lease was lost: start again.</summary>
        Stopped,
        /// <summary>The mailbox could not be read; the reason is on its checkpoint, for the admin.</summary>
        Failed,
    }

    /// <summary>
    /// Reads the mailbox until <paramref name="ct"/> ends, the lease is lost or the address's settings
    /// change; returns at once when another server holds the lease.
    /// </summary>
    public async Task<Ended> ReadAsync(Guid supportAddressId, string owner, CancellationToken ct)
    {
        var address = await db.SupportAddresses.AsNoTracking().FirstOrDefaultAsync(a => a.Id == supportAddressId, ct);
        if (address is not { InboundRoute: InboundRoute.Imap, ImapHost.Length: > 0, ImapUserName.Length: > 0 } || !await ClaimAsync(supportAddressId, owner, ct))
        {
            return Ended.NotOurs;
        }
        var settings = new ImapSettings(address.ImapHost, address.ImapPort, address.ImapTls, address.ImapUserName,
            address.ImapPasswordProtected is { } p ? secrets.Unprotect(p) ?? "" : "", address.ImapFolder);
        try
        {
            var (client, folder) = await ImapMailbox.OpenAsync(settings, ct);
            using (client)
            {
                await RecordErrorAsync(supportAddressId, null, ct);
                while (!ct.IsCancellationRequested && await StillOursAsync(supportAddressId, owner, address.UpdatedAt, ct))
                {
                    var seen = await ReadNewAsync(supportAddressId, owner, folder, ct);
                    await WaitForMailAsync(client, folder, seen, ct);
                }
                await client.DisconnectAsync(quit: true, CancellationToken.None);
            }
            return Ended.Stopped;
        }
        catch (Exception e) when (ImapMailbox.Describe(e, settings) is { } why)
        {
            await RecordErrorAsync(supportAddressId, why, CancellationToken.None);
            return Ended.Failed;
        }
        finally
        {
            await ReleaseAsync(supportAddressId, owner);
        }
    }

    /// <summary>Handles the mail not read yet; returns how many messages the folder held when it looked, to tell later arrivals by.</summary>
    private async Task<int> ReadNewAsync(Guid id, string owner, IMailFolder folder, CancellationToken ct)
    {
        var count = folder.Count;
        var checkpoint = await db.MailboxCheckpoints.AsNoTracking().FirstAsync(c => c.SupportAddressId == id, ct);
        var validity = (long)folder.UidValidity;
        // A new mailbox (or one whose UIDs were renumbered) is read from its unread mail; after that, by UID.
        var fresh = checkpoint.UidValidity != validity || !string.Equals(checkpoint.Folder, folder.FullName, StringComparison.Ordinal);
        // Taken before the search: mail arriving after it has higher UIDs and is read on the next round.
        var baseline = folder.UidNext is { } next ? (long)next.Id - 1 : 0;
        var uids = fresh
            ? await folder.SearchAsync(SearchQuery.NotSeen, ct)
            : await folder.SearchAsync(SearchQuery.Uids(new UniqueIdRange(new UniqueId((uint)checkpoint.LastUid + 1), UniqueId.MaxValue)), ct);
        var last = fresh ? 0 : checkpoint.LastUid;
        if (fresh)
        {
            await AdvanceAsync(id, owner, folder.FullName, validity, 0, null, ct);
        }
        foreach (var uid in uids.Where(u => u.Id > last).OrderBy(u => u.Id))
        {
            string? skipped = null;
            var size = (await folder.FetchAsync([uid], MessageSummaryItems.Size, ct)).FirstOrDefault()?.Size ?? 0;
            if (size > (uint)options.Value.MaxInboundBytes)
            {
                skipped = $"UID {uid.Id} was skipped: {size:N0} bytes, over the {options.Value.MaxInboundBytes:N0} accepted.";
            }
            else
            {
                using var stream = new MemoryStream();
                await (await folder.GetStreamAsync(uid, ct)).CopyToAsync(stream, ct);
                try
                {
                    await pipeline.IngestAsync(stream.ToArray(), InboundSource.Imap, id, ct);
                }
                catch (ParleyProblem problem)
                {
                    skipped = $"UID {uid.Id} was skipped: {problem.Message}";
                }
            }
            await folder.AddFlagsAsync(uid, MessageFlags.Seen, silent: true, ct);
            if (!await AdvanceAsync(id, owner, folder.FullName, validity, uid.Id, skipped, ct))
            {
                return count; // the lease went to another server; it goes on from the checkpoint
            }
        }
        if (fresh && baseline > 0)
        {
            // Mail that was already read when Parley started on this mailbox stays as it was.
            await AdvanceAsync(id, owner, folder.FullName, validity, baseline, null, ct, onlyForward: true);
        }
        return count;
    }

    private async Task WaitForMailAsync(ImapClient client, IMailFolder folder, int seen, CancellationToken ct)
    {
        var wait = TimeSpan.FromSeconds(options.Value.ImapIdleSeconds);
        if (!client.Capabilities.HasFlag(ImapCapabilities.Idle))
        {
            await Task.Delay(TimeSpan.FromSeconds(options.Value.PollSeconds), clock, ct);
            await client.NoOpAsync(ct);
            return;
        }
        using var done = new CancellationTokenSource(wait, clock);
        void Arrived(object? sender, EventArgs e) => done.Cancel();
        folder.CountChanged += Arrived;
        try
        {
            // Mail announced in the answer to an earlier command (while the last batch was handled) raised no
            // event for this wait: read again at once rather than idle past it.
            if (folder.Count != seen)
            {
                return;
            }
            await client.IdleAsync(done.Token, ct);
        }
        finally
        {
            folder.CountChanged -= Arrived;
        }
    }

    private async Task<bool> ClaimAsync(Guid id, string owner, CancellationToken ct)
    {
        if (!await db.MailboxCheckpoints.AnyAsync(c => c.SupportAddressId == id, ct))
        {
            db.MailboxCheckpoints.Add(new MailboxCheckpoint { SupportAddressId = id });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another server made it first.
            }
            db.ChangeTracker.Clear();
        }
        var now = clock.GetUtcNow();
        var until = now.AddSeconds(options.Value.MailboxLeaseSeconds);
        return await db.MailboxCheckpoints
            .Where(c => c.SupportAddressId == id && (c.LeaseUntil == null || c.LeaseUntil < now || c.LeaseOwner == owner))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.LeaseUntil, until).SetProperty(c => c.LeaseOwner, owner), ct) == 1;
    }

    /// <summary>Whether this server still holds the lease (renewing it) and the address was not changed meanwhile.</summary>
    private async Task<bool> StillOursAsync(Guid id, string owner, DateTimeOffset updatedAt, CancellationToken ct) =>
        await db.SupportAddresses.AnyAsync(a => a.Id == id && a.UpdatedAt == updatedAt && a.InboundRoute == InboundRoute.Imap, ct)
        && await ClaimAsync(id, owner, ct);

    private async Task<bool> AdvanceAsync(
        Guid id, string owner, string folder, long validity, long uid, string? error, CancellationToken ct, bool onlyForward = false)
    {
        var now = clock.GetUtcNow();
        var until = now.AddSeconds(options.Value.MailboxLeaseSeconds);
        var query = db.MailboxCheckpoints.Where(c => c.SupportAddressId == id && c.LeaseOwner == owner);
        if (onlyForward)
        {
            query = query.Where(c => c.LastUid < uid);
        }
        var changed = await query.ExecuteUpdateAsync(u => u
            .SetProperty(c => c.Folder, folder).SetProperty(c => c.UidValidity, validity).SetProperty(c => c.LastUid, uid)
            .SetProperty(c => c.LeaseUntil, until).SetProperty(c => c.LastPolledAt, now)
            .SetProperty(c => c.LastError, c => error ?? c.LastError), ct);
        return changed == 1 || onlyForward;
    }

    private Task RecordErrorAsync(Guid id, string? why, CancellationToken ct)
    {
        var error = why is { Length: > 500 } ? why[..500] : why;
        return db.MailboxCheckpoints.Where(c => c.SupportAddressId == id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.LastError, error).SetProperty(c => c.LastPolledAt, clock.GetUtcNow()), ct);
    }

    private Task ReleaseAsync(Guid id, string owner) =>
        db.MailboxCheckpoints.Where(c => c.SupportAddressId == id && c.LeaseOwner == owner)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.LeaseUntil, (DateTimeOffset?)null).SetProperty(c => c.LeaseOwner, (string?)null), CancellationToken.None);
}
