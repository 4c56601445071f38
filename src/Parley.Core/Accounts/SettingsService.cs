using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Data;

namespace Parley.Core.Accounts;

/// <summary>A partial change to the account settings; null leaves a value as it is.</summary>
public sealed record SettingsChanges(
    string? BusinessName = null,
    bool? MessagingEnabled = null,
    string? MessengerColor = null,
    string? Greeting = null,
    IReadOnlyList<string>? AllowedOrigins = null,
    string? DefaultLanguage = null,
    IReadOnlyList<string>? OfferedLanguages = null,
    int? AutoCloseSolvedAfterDays = null);

/// <summary>Reads and validates the account settings.</summary>
public sealed partial class SettingsService(AppDbContext db, TimeProvider clock)
{
    public async Task<AccountSettings> GetAsync(CancellationToken ct) =>
        await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == AccountSettings.SingletonId, ct) ?? new AccountSettings();

    /// <summary>Applies the changes when every one of them is valid; otherwise changes nothing.</summary>
    public async Task<AccountSettings> UpdateAsync(SettingsChanges changes, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var settings = await db.Settings.FirstOrDefaultAsync(s => s.Id == AccountSettings.SingletonId, ct);
        if (settings is null)
        {
            settings = new AccountSettings();
            db.Settings.Add(settings);
        }
        if (changes.BusinessName is { } name)
        {
            name = name.Trim();
            if (name.Length is 0 or > 100) { errors["businessName"] = ["The business name must be 1 to 100 characters."]; }
            else { settings.BusinessName = name; }
        }
        if (changes.MessagingEnabled is { } enabled)
        {
            settings.MessagingEnabled = enabled;
        }
        if (changes.MessengerColor is { } color)
        {
            if (!ColorPattern().IsMatch(color)) { errors["messengerColor"] = ["The colour must look like #1a2b3c."]; }
            else { settings.MessengerColor = color.ToLowerInvariant(); }
        }
        if (changes.Greeting is { } greeting)
        {
            greeting = greeting.Trim();
            if (greeting.Length > 500) { errors["greeting"] = ["The greeting can be at most 500 characters."]; }
            else { settings.Greeting = greeting; }
        }
        if (changes.AllowedOrigins is { } origins)
        {
            var normalized = new List<string>();
            foreach (var origin in origins)
            {
                if (NormalizeOrigin(origin) is { } o) { normalized.Add(o); }
                else { errors["allowedOrigins"] = [$"\"{origin}\" is not an origin like https://shop.example.com."]; }
            }
            var distinct = normalized.Distinct().ToList();
            if (distinct.Count > 50) { errors["allowedOrigins"] = ["At most 50 origins can be allowed."]; }
            settings.AllowedOrigins = string.Join('\n', distinct);
        }
        if (changes.DefaultLanguage is { } language)
        {
            if (!IsLanguageTag(language)) { errors["defaultLanguage"] = ["The default language must be a language tag such as en or pt-BR."]; }
            else { settings.DefaultLanguage = language; }
        }
        if (changes.OfferedLanguages is { } offered)
        {
            if (offered.Count == 0 || offered.Count > 100 || !offered.All(IsLanguageTag))
            {
                errors["offeredLanguages"] = ["Offer one or more language tags such as en or pt-BR."];
            }
            else { settings.OfferedLanguages = string.Join(',', offered.Distinct()); }
        }
        if (changes.AutoCloseSolvedAfterDays is { } days)
        {
            if (days is < 1 or > 28) { errors["autoCloseSolvedAfterDays"] = ["Solved conversations close after 1 to 28 days."]; }
            else { settings.AutoCloseSolvedAfterDays = days; }
        }
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            throw new ParleyProblem(ProblemKind.Validation, "validation", "The settings were not saved.", errors);
        }
        settings.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return settings;
    }

    /// <summary>A new identity-verification secret; tokens signed with the old one stop working at once.</summary>
    public async Task<string> RotateIdentitySecretAsync(CancellationToken ct)
    {
        var settings = await db.Settings.FirstOrDefaultAsync(s => s.Id == AccountSettings.SingletonId, ct);
        if (settings is null)
        {
            settings = new AccountSettings();
            db.Settings.Add(settings);
        }
        settings.IdentitySecret = Security.SecretTokens.Create("ids_");
        settings.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return settings.IdentitySecret;
    }

    /// <summary>True when a page on <paramref name="origin"/> may embed the messenger.</summary>
    public static bool AllowsOrigin(AccountSettings settings, string origin) =>
        NormalizeOrigin(origin) is { } normalized &&
        settings.AllowedOrigins.Split('\n', StringSplitOptions.RemoveEmptyEntries).Contains(normalized, StringComparer.Ordinal);

    /// <summary>"https://Shop.example.com/" becomes "https://shop.example.com"; anything but an http(s) origin is null.</summary>
    public static string? NormalizeOrigin(string value)
    {
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) ||
            uri.PathAndQuery is not ("/" or "") || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return null;
        }
        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }

    public static bool IsLanguageTag(string tag)
    {
        if (tag.Length is < 2 or > 16 || !LanguagePattern().IsMatch(tag))
        {
            return false;
        }
        try
        {
            return !CultureInfo.GetCultureInfo(tag, predefinedOnly: true).Equals(CultureInfo.InvariantCulture);
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColorPattern();

    [GeneratedRegex("^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")]
    private static partial Regex LanguagePattern();
}
