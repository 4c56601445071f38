using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Data;

namespace Parley.Server.Operations;

/// <summary>Migrations and first-run data before the server takes requests, and the start-up message after.</summary>
public static class Startup
{
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var setup = app.Services.GetRequiredService<IOptions<SetupOptions>>().Value;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (setup.Migrate)
        {
            await DatabaseSetup.MigrateAsync(db, app.Lifetime.ApplicationStopping);
        }
        FirstRunCredentials? credentials;
        try
        {
            credentials = await scope.ServiceProvider.GetRequiredService<FirstRunSetup>().RunAsync(setup.DemoData, app.Lifetime.ApplicationStopping);
        }
        catch (DbUpdateException)
        {
            // Another server starting at the same moment did the first-run setup; its console has the credentials.
            credentials = null;
        }
        app.Lifetime.ApplicationStarted.Register(() => PrintWelcome(app, credentials));
    }

    /// <summary>Printed to the console, not the log: generated passwords are shown once and must not land in log storage.</summary>
    private static void PrintWelcome(WebApplication app, FirstRunCredentials? credentials)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var baseUrl = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses.FirstOrDefault() ?? "http://localhost:5080";
        baseUrl = baseUrl.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal);
        var lines = new List<string>
        {
            "",
            "Parley is running.",
            $"  Agent workspace   {baseUrl}/workspace/",
            $"  Demo shop         {baseUrl}/demo/   (the messenger, as a website embeds it)",
            $"  API reference     {baseUrl}/api/reference",
            $"  Messenger API     {baseUrl}/messenger/v1/config",
            $"  OpenAPI document  {baseUrl}/openapi/v1.json",
            $"  Health            {baseUrl}/healthz   {baseUrl}/readyz   {baseUrl}/metrics",
        };
        if (credentials is not null)
        {
            lines.Add("");
            lines.Add($"First start: these sign-in details are shown only now. Sign in at {baseUrl}/workspace/sign-in.");
            lines.Add($"  Admin   {credentials.AdminEmail}   password: {credentials.AdminPassword}");
            if (credentials.AgentEmail is not null)
            {
                lines.Add($"  Agent   {credentials.AgentEmail}   password: {credentials.AgentPassword}");
            }
        }
        lines.Add("");
        Console.Out.WriteLine(string.Join(Environment.NewLine, lines));
        Console.Out.Flush();
    }
}
