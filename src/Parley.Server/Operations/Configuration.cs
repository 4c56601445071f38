using System.ComponentModel.DataAnnotations;
using Parley.Core;
using Parley.Core.Accounts;
using Parley.Core.Data;
using Parley.Server.Realtime;
using Parley.Server.Workers;

namespace Parley.Server.Operations;

/// <summary>
/// Every setting lives under "Parley:" (environment: Parley__Section__Key) in an options class that is
/// validated at start, so a wrong value stops the server with a message instead of failing later.
/// </summary>
public static class Configuration
{
    public static DatabaseOptions AddParleyOptions(this IServiceCollection services, IConfiguration configuration)
    {
        Bind<DatabaseOptions>(services, DatabaseOptions.Section);
        Bind<LimitsOptions>(services, LimitsOptions.Section);
        Bind<SignInOptions>(services, SignInOptions.Section);
        Bind<PresenceOptions>(services, PresenceOptions.Section);
        Bind<RateLimitOptions>(services, RateLimitOptions.Section);
        Bind<RealtimeOptions>(services, RealtimeOptions.Section);
        Bind<EventBusOptions>(services, EventBusOptions.Section);
        Bind<WorkerOptions>(services, WorkerOptions.Section);
        Bind<SetupOptions>(services, SetupOptions.Section);
        Bind<HttpLimitsOptions>(services, HttpLimitsOptions.Section);
        Bind<Parley.Core.Email.EmailOptions>(services, Parley.Core.Email.EmailOptions.Section);

        // The database is needed to register services, before options can be resolved.
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        Validator.ValidateObject(database, new ValidationContext(database), validateAllProperties: true);
        return database;
    }

    public static T Read<T>(this IConfiguration configuration, string section) where T : new() =>
        configuration.GetSection(section).Get<T>() ?? new T();

    private static void Bind<T>(IServiceCollection services, string section) where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}

/// <summary>HTTP limits; configured under Parley:Http.</summary>
public sealed class HttpLimitsOptions
{
    public const string Section = "Parley:Http";

    /// <summary>Largest request body accepted, in bytes (attachments have their own limit).</summary>
    [Range(1024, 100 * 1024 * 1024)] public long MaxRequestBodyBytes { get; set; } = 256 * 1024;
}
