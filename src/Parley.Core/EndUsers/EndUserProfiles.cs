using Microsoft.EntityFrameworkCore;
using Parley.Core.Accounts;
using Parley.Core.Conversations;
using Parley.Core.Data;
using Parley.Core.Events;

namespace Parley.Core.EndUsers;

/// <summary>An end user's profile as the messenger shows and edits it.</summary>
public sealed record EndUserProfile(string? Name, string? Email, bool EmailVerified, string? Language)
{
    public static EndUserProfile From(EndUser u) => new(u.Name, u.Email, u.EmailVerified, u.Language);
}

/// <summary>What an end user may change about themselves from the messenger, and an agent may correct.</summary>
public sealed class EndUserProfiles(AppDbContext db, IEventPublisher events)
{
    public async Task<EndUserProfile> GetAsync(Guid endUserId, CancellationToken ct) =>
        EndUserProfile.From(await FindAsync(endUserId, ct));

    /// <summary>
    /// Saves a typed address on this end user's own profile, unverified. It never merges the visitor into
    /// another end user with the same address, and never marks it verified: only a signed identity does.
    /// </summary>
    public async Task<EndUserProfile> SetEmailAsync(Guid endUserId, string? email, CancellationToken ct)
    {
        var address = EmailAddressRules.Check(email);
        var user = await FindAsync(endUserId, ct);
        // The address the website verified, typed again, stays verified; the same unverified address typed
        // again changes nothing; anything else is saved unverified and no longer bouncing.
        var unchanged = string.Equals(user.Email, address, StringComparison.OrdinalIgnoreCase) && user.EmailVerified
            || user.Email == address && !user.EmailBouncing;
        if (!unchanged)
        {
            user.Email = address;
            user.EmailVerified = false;
            user.EmailBouncing = false;
            await db.SaveChangesAsync(ct);
            events.Publish(new EndUserChanged(EndUserView.From(user)));
        }
        return EndUserProfile.From(user);
    }

    public async Task<EndUserProfile> SetLanguageAsync(Guid endUserId, string? language, CancellationToken ct)
    {
        if (language is null || !SettingsService.IsLanguageTag(language))
        {
            throw ParleyProblem.Invalid("language", "The language must be a language tag such as en or pt-BR.");
        }
        var user = await FindAsync(endUserId, ct);
        if (user.Language != language)
        {
            user.Language = language;
            await db.SaveChangesAsync(ct);
            events.Publish(new EndUserChanged(EndUserView.From(user)));
        }
        return EndUserProfile.From(user);
    }

    private async Task<EndUser> FindAsync(Guid endUserId, CancellationToken ct) =>
        await db.EndUsers.FirstOrDefaultAsync(u => u.Id == endUserId, ct) ?? throw ParleyProblem.NotFound("end-user");
}
