using Microsoft.EntityFrameworkCore;
using Parley.Core.Data;
using Parley.Core.Email.Outbound;
using Parley.Core.Security;

namespace Parley.Core.Email.Inbound;

/// <summary>An admin's input for how replies reach Parley. A null password keeps the stored one; an empty one removes it.</summary>
public sealed record InboundRouteInput(
    InboundRoute Route, string? ImapHost, int ImapPort, SmtpTlsMode ImapTls, string? ImapUserName, string? ImapPassword, string? ImapFolder);

/// <summary>What the Support addresses page shows of the inbound side: the route, and how reading the mailbox went.</summary>
public sealed record InboundRouteView(
    Guid SupportAddressId, InboundRoute Route, string? ImapHost, int ImapPort, SmtpTlsMode ImapTls, string? ImapUserName, bool HasImapPassword,
    string ImapFolder, DateTimeOffset? LastCheckAt, bool LastCheckSucceeded, string? LastCheckDetail,
    DateTimeOffset? LastReadAt, string? LastReadError);

/// <summary>
/// The inbound side of the support addresses: the route (forwarded by the mail server, or read over
/// IMAP), its check, and the key mail servers present to the HTTP endpoint.
/// </summary>
public sealed class InboundSettings(AppDbContext db, ISecretProtector secrets, TimeProvider clock)
{
    public async Task<InboundRouteView> GetAsync(Guid supportAddressId, CancellationToken ct)
    {
        var a = await db.SupportAddresses.AsNoTracking().FirstOrDefaultAsync(x => x.Id == supportAddressId, ct) ?? throw ParleyProblem.NotFound("support-address");
        var read = await db.MailboxCheckpoints.AsNoTracking().FirstOrDefaultAsync(c => c.SupportAddressId == supportAddressId, ct);
        return new InboundRouteView(a.Id, a.InboundRoute, a.ImapHost, a.ImapPort, a.ImapTls, a.ImapUserName, a.ImapPasswordProtected is not null,
            a.ImapFolder, a.LastInboundCheckAt, a.LastInboundCheckSucceeded, a.LastInboundCheckDetail, read?.LastPolledAt, read?.LastError);
    }

    public async Task<InboundRouteView> SetAsync(Guid supportAddressId, InboundRouteInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var a = await db.SupportAddresses.FirstOrDefaultAsync(x => x.Id == supportAddressId, ct) ?? throw ParleyProblem.NotFound("support-address");
        var errors = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(input.Route))
        {
            errors["inboundRoute"] = ["Choose how replies reach Parley."];
        }
        var before = (a.InboundRoute, a.ImapHost, a.ImapPort, a.ImapTls, a.ImapUserName, a.ImapPasswordProtected, a.ImapFolder);
        a.InboundRoute = input.Route;
        if (input.Route == InboundRoute.Imap)
        {
            var host = SupportAddressRules.CheckServer("imap", "IMAP", input.ImapHost, input.ImapPort, input.ImapTls, input.ImapPassword,
                "993 for TLS, 143 for STARTTLS", (field, message) => errors[field] = [message]);
            var user = input.ImapUserName?.Trim() ?? "";
            if (user.Length is 0 or > 255)
            {
                errors["imapUserName"] = ["Enter the mailbox's user name (often the address itself)."];
            }
            var folder = string.IsNullOrWhiteSpace(input.ImapFolder) ? "INBOX" : input.ImapFolder.Trim();
            if (folder.Length > 255 || folder.Any(char.IsControl))
            {
                errors["imapFolder"] = ["Enter the folder to read, like INBOX."];
            }
            (a.ImapHost, a.ImapPort, a.ImapTls, a.ImapUserName, a.ImapFolder) = (host, input.ImapPort, input.ImapTls, user, folder);
            if (input.ImapPassword is { Length: <= SupportAddressRules.MaxPasswordLength } password)
            {
                a.ImapPasswordProtected = password.Length == 0 ? null : secrets.Protect(password);
            }
            if (a.ImapPasswordProtected is null && input.ImapPassword is null)
            {
                errors["imapPassword"] = ["Enter the mailbox's password."];
            }
        }
        if (errors.Count > 0)
        {
            throw new ParleyProblem(ProblemKind.Validation, "validation", "The inbound settings have errors.", errors);
        }
        if (before != (a.InboundRoute, a.ImapHost, a.ImapPort, a.ImapTls, a.ImapUserName, a.ImapPasswordProtected, a.ImapFolder))
        {
            (a.LastInboundCheckAt, a.LastInboundCheckSucceeded, a.LastInboundCheckDetail) = (null, false, null);
            // UpdatedAt changing tells a server reading the mailbox to let go and start again with the new settings.
            a.UpdatedAt = clock.GetUtcNow();
        }
        await db.SaveChangesAsync(ct);
        return await GetAsync(supportAddressId, ct);
    }

    /// <summary>The admin's inbound check: for IMAP, signs in and opens the folder; for forwarding, says what to set up.</summary>
    public async Task<InboundRouteView> CheckAsync(Guid supportAddressId, CancellationToken ct)
    {
        var a = await db.SupportAddresses.FirstOrDefaultAsync(x => x.Id == supportAddressId, ct) ?? throw ParleyProblem.NotFound("support-address");
        (bool Ok, string Detail) result;
        if (a is { InboundRoute: InboundRoute.Imap, ImapHost.Length: > 0, ImapUserName.Length: > 0 })
        {
            var password = a.ImapPasswordProtected is { } p ? secrets.Unprotect(p) ?? "" : "";
            result = await ImapMailbox.CheckAsync(new ImapSettings(a.ImapHost, a.ImapPort, a.ImapTls, a.ImapUserName, password, a.ImapFolder), ct);
        }
        else
        {
            var key = await db.Settings.AsNoTracking().Where(s => s.Id == Accounts.AccountSettings.SingletonId).Select(s => s.InboundKeyProtected).FirstAsync(ct);
            var lastForwarded = await db.InboundEmails.AsNoTracking().Where(e => e.Source != InboundSource.Imap && e.Source != InboundSource.DevelopmentMailbox)
                .OrderByDescending(e => e.ReceivedAt).Select(e => (DateTimeOffset?)e.ReceivedAt).FirstOrDefaultAsync(ct);
            result = key.Length == 0
                ? (false, "No inbound key yet: make one, then give it to the mail server that forwards replies to Parley.")
                : lastForwarded is { } at
                    ? (true, $"The inbound key is set; the last forwarded email arrived at {at:u}.")
                    : (true, "The inbound key is set; no forwarded email has arrived yet. Send a reply to test it.");
        }
        (a.LastInboundCheckAt, a.LastInboundCheckSucceeded, a.LastInboundCheckDetail) = (clock.GetUtcNow(), result.Ok, result.Detail.Length <= 500 ? result.Detail : result.Detail[..500]);
        await db.SaveChangesAsync(ct);
        return await GetAsync(supportAddressId, ct);
    }
}
