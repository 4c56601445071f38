using Microsoft.EntityFrameworkCore;
using MimeKit;
using Parley.Core.Data;
using Parley.Core.Email.Outbound;
using Parley.Core.EndUsers;
using Parley.Core.Security;

namespace Parley.Core.Email;

/// <summary>A support address as the admin center shows it: secrets are never sent back, only whether they are set.</summary>
public sealed record SupportAddressView(
    Guid Id, string Address, string DisplayName, bool IsDefault, OutboundRoute Route, string? SmtpHost, int SmtpPort, SmtpTlsMode SmtpTls,
    string? SmtpUserName, bool HasSmtpPassword, string? DkimDomain, string? DkimSelector, bool HasDkimKey,
    DateTimeOffset? LastCheckAt, bool LastCheckSucceeded, string? LastCheckDetail, bool HasWorkingRoute)
{
    public static SupportAddressView From(SupportAddress a) => new(a.Id, a.Address, a.DisplayName, a.IsDefault, a.Route, a.SmtpHost, a.SmtpPort,
        a.SmtpTls, a.SmtpUserName, a.SmtpPasswordProtected is not null, a.DkimDomain, a.DkimSelector, a.DkimPrivateKeyProtected is not null,
        a.LastCheckAt, a.LastCheckSucceeded, a.LastCheckDetail, a.HasWorkingRoute);
}

/// <summary>
/// An admin's input for a support address. A null password or DKIM key keeps the stored one; an empty one
/// removes it.
/// </summary>
public sealed record SupportAddressInput(
    string? Address, string? DisplayName, OutboundRoute Route, string? SmtpHost, int SmtpPort, SmtpTlsMode SmtpTls,
    string? SmtpUserName, string? SmtpPassword, string? DkimDomain, string? DkimSelector, string? DkimPrivateKey, bool IsDefault);

/// <summary>The support addresses: validation, one default, secrets encrypted, and the "send test email" check.</summary>
public sealed class SupportAddresses(AppDbContext db, ISecretProtector secrets, DevelopmentMailbox mailbox, TimeProvider clock)
{
    public const int MaxAddresses = 50;

    public async Task<IReadOnlyList<SupportAddressView>> ListAsync(CancellationToken ct) =>
        [.. (await db.SupportAddresses.AsNoTracking().OrderByDescending(a => a.IsDefault).ThenBy(a => a.Address).ToListAsync(ct)).Select(SupportAddressView.From)];

    public async Task<SupportAddressView> CreateAsync(SupportAddressInput input, CancellationToken ct)
    {
        if (await db.SupportAddresses.CountAsync(ct) >= MaxAddresses)
        {
            throw ParleyProblem.Conflict("too-many-support-addresses", $"An account can have at most {MaxAddresses} support addresses.");
        }
        var now = clock.GetUtcNow();
        var address = new SupportAddress { Id = Guid.CreateVersion7(now), Address = "", DisplayName = "", CreatedAt = now };
        Apply(address, input);
        await EnsureUniqueAsync(address, ct);
        // The first address is the default: continuation emails need one.
        address.IsDefault = input.IsDefault || !await db.SupportAddresses.AnyAsync(ct);
        await ClearOtherDefaultsAsync(address, ct);
        address.UpdatedAt = now;
        db.SupportAddresses.Add(address);
        await db.SaveChangesAsync(ct);
        return SupportAddressView.From(address);
    }

    public async Task<SupportAddressView> UpdateAsync(Guid id, SupportAddressInput input, CancellationToken ct)
    {
        var address = await db.SupportAddresses.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw ParleyProblem.NotFound("support address");
        var route = (address.Route, address.SmtpHost, address.SmtpPort, address.SmtpTls, address.SmtpUserName, address.SmtpPasswordProtected);
        Apply(address, input);
        await EnsureUniqueAsync(address, ct);
        if (route != (address.Route, address.SmtpHost, address.SmtpPort, address.SmtpTls, address.SmtpUserName, address.SmtpPasswordProtected))
        {
            // A changed route has not been shown to work yet.
            (address.LastCheckAt, address.LastCheckSucceeded, address.LastCheckDetail) = (null, false, null);
        }
        if (input.IsDefault && !address.IsDefault)
        {
            address.IsDefault = true;
            await ClearOtherDefaultsAsync(address, ct);
        }
        address.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return SupportAddressView.From(address);
    }

    public async Task DeleteAsync(Guid id, CancellationToken ct)
    {
        var address = await db.SupportAddresses.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw ParleyProblem.NotFound("support address");
        if (await db.OutboundEmails.AnyAsync(e => e.SupportAddressId == id, ct))
        {
            throw ParleyProblem.Conflict("support-address-in-use", "Emails were sent from this address; change it instead of deleting it.");
        }
        db.SupportAddresses.Remove(address);
        await db.SaveChangesAsync(ct);
        if (address.IsDefault && await db.SupportAddresses.OrderBy(a => a.CreatedAt).FirstOrDefaultAsync(ct) is { } next)
        {
            next.IsDefault = true;
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>
    /// The "send test email": sends a short message to <paramref name="sendTo"/> through the address's route
    /// and records whether it worked. A route must pass it before continuous conversations use it.
    /// </summary>
    public async Task<SupportAddressView> CheckAsync(Guid id, string sendTo, CancellationToken ct)
    {
        var to = EmailAddressRules.Check(sendTo);
        var address = await db.SupportAddresses.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw ParleyProblem.NotFound("support address");
        var message = TestMessage(address, to);
        DeliveryResult result;
        if (address.Route == OutboundRoute.Smtp)
        {
            var password = address.SmtpPasswordProtected is { } p ? secrets.Unprotect(p) : null;
            result = await SmtpDelivery.CheckAsync(new SmtpSettings(address.SmtpHost ?? "", address.SmtpPort, address.SmtpTls, address.SmtpUserName, password), message, ct);
        }
        else
        {
            await using var delivery = mailbox.Open();
            result = await delivery.SendAsync(message, ct);
        }
        address.LastCheckAt = clock.GetUtcNow();
        address.LastCheckSucceeded = result.Outcome == DeliveryOutcome.Delivered;
        address.LastCheckDetail = result.Detail.Length > 500 ? result.Detail[..500] : result.Detail;
        await db.SaveChangesAsync(ct);
        return SupportAddressView.From(address);
    }

    private MimeMessage TestMessage(SupportAddress address, string to)
    {
        var message = new MimeMessage { Subject = "Parley test email", Date = clock.GetUtcNow(), MessageId = $"test-{Guid.NewGuid():N}@{address.Domain}" };
        message.From.Add(new MailboxAddress(address.DisplayName, address.Address));
        message.To.Add(MailboxAddress.Parse(to));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new TextPart("plain")
        {
            Text = $"This is a test email from Parley, sent from {address.Address}. If you can read it, this support address can send mail.",
        };
        return message;
    }

    private void Apply(SupportAddress a, SupportAddressInput input)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [message];
        try
        {
            a.Address = EmailAddressRules.Check(input.Address).ToLowerInvariant();
        }
        catch (ParleyProblem)
        {
            Error("address", "Enter an address like support@example.com.");
        }
        var name = input.DisplayName?.Trim() ?? "";
        if (name.Length is 0 or > SupportAddressRules.MaxDisplayNameLength || name.Any(char.IsControl))
        {
            Error("displayName", $"Enter the name end users see, up to {SupportAddressRules.MaxDisplayNameLength} characters.");
        }
        a.DisplayName = name;
        a.Route = input.Route;
        if (input.Route == OutboundRoute.Smtp)
        {
            var host = SupportAddressRules.CheckServer("smtp", "SMTP", input.SmtpHost, input.SmtpPort, input.SmtpTls, input.SmtpPassword,
                "587 for STARTTLS, 465 for TLS", Error);
            (a.SmtpHost, a.SmtpPort, a.SmtpTls) = (host, input.SmtpPort, input.SmtpTls);
            a.SmtpUserName = string.IsNullOrWhiteSpace(input.SmtpUserName) ? null : input.SmtpUserName.Trim();
            if (a.SmtpUserName is { Length: > 255 })
            {
                Error("smtpUserName", "The user name is too long.");
            }
            if (input.SmtpPassword is { Length: <= SupportAddressRules.MaxPasswordLength } password)
            {
                a.SmtpPasswordProtected = password.Length == 0 ? null : secrets.Protect(password);
            }
        }
        ApplyDkim(a, input, Error);
        if (errors.Count > 0)
        {
            throw new ParleyProblem(ProblemKind.Validation, "validation", "The support address has errors.", errors);
        }
    }

    private void ApplyDkim(SupportAddress a, SupportAddressInput input, Action<string, string> error)
    {
        var domain = input.DkimDomain?.Trim().ToLowerInvariant();
        var selector = input.DkimSelector?.Trim().ToLowerInvariant();
        a.DkimDomain = string.IsNullOrEmpty(domain) ? null : domain;
        a.DkimSelector = string.IsNullOrEmpty(selector) ? null : selector;
        if (input.DkimPrivateKey is { } key)
        {
            a.DkimPrivateKeyProtected = key.Trim().Length == 0 ? null : secrets.Protect(key.Trim());
            if (key.Trim().Length > 0 && DkimKeys.Problem(key.Trim()) is { } problem)
            {
                error("dkimPrivateKey", problem);
            }
        }
        var any = a.DkimDomain is not null || a.DkimSelector is not null || a.DkimPrivateKeyProtected is not null;
        if (any && (a.DkimDomain is null || Uri.CheckHostName(a.DkimDomain) != UriHostNameType.Dns))
        {
            error("dkimDomain", "Enter the domain the DKIM key signs for, like example.com.");
        }
        if (any && (a.DkimSelector is null || a.DkimSelector.Length > 63 || !a.DkimSelector.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            error("dkimSelector", "Enter the DKIM selector, like parley (letters, digits, - and _).");
        }
        if (any && a.DkimPrivateKeyProtected is null)
        {
            error("dkimPrivateKey", "Paste the DKIM private key (PEM).");
        }
    }

    private async Task EnsureUniqueAsync(SupportAddress address, CancellationToken ct)
    {
        if (await db.SupportAddresses.AnyAsync(a => a.Address == address.Address && a.Id != address.Id, ct))
        {
            throw ParleyProblem.Invalid("address", "This support address already exists.", "support-address-taken");
        }
    }

    private async Task ClearOtherDefaultsAsync(SupportAddress address, CancellationToken ct)
    {
        if (address.IsDefault)
        {
            foreach (var other in await db.SupportAddresses.Where(a => a.IsDefault && a.Id != address.Id).ToListAsync(ct))
            {
                other.IsDefault = false;
            }
        }
    }
}
