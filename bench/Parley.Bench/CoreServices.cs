using Microsoft.Extensions.DependencyInjection;
using Parley.Core;
using Parley.Core.Data;
using Parley.Core.Events;
using Parley.Core.Security;

namespace Parley.Bench;

/// <summary>
/// Parley's Core services in the benchmark's own process, registered as the server registers them
/// (<c>AddParleyCore</c> with default options) over one PostgreSQL database, with nothing listening for events.
/// </summary>
internal static class CoreServices
{
    public static ServiceProvider Build(string connectionString, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection()
            .AddParleyCore(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connectionString })
            .AddSingleton<IEventPublisher, NoEvents>()
            .AddSingleton<ISecretProtector, NoSecrets>()
            .AddOptions()
            .AddLogging();
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}

/// <summary>Nothing listens in a benchmark's process: no workspace, no messenger streams.</summary>
internal sealed class NoEvents : IEventPublisher
{
    public void Publish(ParleyEvent e) { }
}

/// <summary>The benchmarks' accounts keep no SMTP password, DKIM key or inbound key, so nothing is ever decrypted.</summary>
internal sealed class NoSecrets : ISecretProtector
{
    public string Protect(string secret) => secret;

    public string? Unprotect(string protectedSecret) => null;
}
