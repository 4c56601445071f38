using Parley.Core.Accounts;
using Parley.Server.Auth;

namespace Parley.Server.Api;

/// <summary>Account settings as agents see them; the identity secret is never returned.</summary>
public sealed record SettingsResponse(
    string BusinessName, bool MessagingEnabled, string MessengerColor, string Greeting, IReadOnlyList<string> AllowedOrigins,
    string DefaultLanguage, IReadOnlyList<string> OfferedLanguages, int AutoCloseSolvedAfterDays,
    bool ContinuousConversationsEnabled, int InactivityWindowMinutes, bool IdentitySecretSet)
{
    public static SettingsResponse From(AccountSettings s) => new(
        s.BusinessName, s.MessagingEnabled, s.MessengerColor, s.Greeting,
        s.AllowedOrigins.Split('\n', StringSplitOptions.RemoveEmptyEntries), s.DefaultLanguage,
        s.OfferedLanguages.Split(',', StringSplitOptions.RemoveEmptyEntries), s.AutoCloseSolvedAfterDays,
        s.ContinuousConversationsEnabled, s.InactivityWindowMinutes, s.IdentitySecret.Length > 0);
}

public sealed record UpdateSettingsRequest(
    string? BusinessName, bool? MessagingEnabled, string? MessengerColor, string? Greeting, IReadOnlyList<string>? AllowedOrigins,
    string? DefaultLanguage, IReadOnlyList<string>? OfferedLanguages, int? AutoCloseSolvedAfterDays);

public sealed record IdentitySecretResponse(string? Secret);

/// <summary>Account settings: every agent may read them, only admins change them.</summary>
public static class SettingsApi
{
    public static IEndpointRouteBuilder MapSettingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/settings").WithTags("Settings").RequireAuthorization(AuthSetup.CanRead);
        group.MapGet("", async (SettingsService settings, CancellationToken ct) => SettingsResponse.From(await settings.GetAsync(ct)));
        group.MapPatch("", async (UpdateSettingsRequest r, SettingsService settings, CancellationToken ct) =>
                SettingsResponse.From(await settings.UpdateAsync(new SettingsChanges(
                    r.BusinessName, r.MessagingEnabled, r.MessengerColor, r.Greeting, r.AllowedOrigins,
                    r.DefaultLanguage, r.OfferedLanguages, r.AutoCloseSolvedAfterDays), ct)))
            .RequireAuthorization(AuthSetup.IsAdmin);
        // The secret a website signs identity tokens with: shown to admins, replaced on demand.
        group.MapGet("/identity-secret", async (SettingsService settings, CancellationToken ct) =>
                new IdentitySecretResponse((await settings.GetAsync(ct)).IdentitySecret is { Length: > 0 } secret ? secret : null))
            .RequireAuthorization(AuthSetup.IsAdmin);
        group.MapPost("/identity-secret", async (SettingsService settings, CancellationToken ct) =>
                new IdentitySecretResponse(await settings.RotateIdentitySecretAsync(ct)))
            .RequireAuthorization(AuthSetup.IsAdmin);
        return app;
    }
}
