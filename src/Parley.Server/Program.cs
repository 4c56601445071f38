using System.Text.Json;
using System.Text.Json.Serialization;
using Parley.Core;
using Parley.Server.Api;
using Parley.Server.Auth;
using Parley.Server.Operations;
using Parley.Server.Realtime;
using Parley.Server.Widget;
using Parley.Server.Workers;
using Parley.Server.Workspace;
using Scalar.AspNetCore;

// Mail in legacy charsets (ISO-2022-JP, GB2312, KOI8-R ...) decodes only once their encodings are registered.
Parley.Core.Email.Inbound.MimeCharsets.Register();

// Commands for admins and mail servers (mail trim, mail ingest) run instead of the server.
var command = MailCommand.Parse(args);
if (command is { IsTrim: true })
{
    return await MailCommand.TrimAsync(Console.In, Console.Out);
}

var builder = WebApplication.CreateBuilder(command?.HostArgs ?? args);
if (command is not null)
{
    MailCommand.Configure(builder);
}

// Configuration: validated options under Parley:* (environment variables Parley__Section__Key).
var database = builder.Services.AddParleyOptions(builder.Configuration);
var http = builder.Configuration.Read<HttpLimitsOptions>(HttpLimitsOptions.Section);

// The product: Core services over the database.
builder.Services.AddParleyCore(database);

// Live events: published after commit, delivered to every server's streams (Redis between servers).
builder.Services.AddParleyEventBus(builder.Configuration.Read<EventBusOptions>(EventBusOptions.Section));

// The HTTP edge: JSON, problem details, authentication, rate limits, OpenAPI.
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
});
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = http.MaxRequestBodyBytes);
builder.Services.AddParleyProblems();
builder.Services.AddParleyDataProtection();
builder.Services.AddParleyAuth();
builder.Services.AddParleyRateLimits();
builder.Services.AddMessengerCors();
builder.Services.AddOpenApi();

// The agent workspace: Blazor components rendered on the server, live over a circuit.
builder.Services.AddParleyWorkspace();

// Operations: metrics, health, readiness.
builder.Services.AddParleyTelemetry();

// Background work, claimed from the database so every server can run it.
builder.Services.AddHostedService<TriggerCatalogSync>();
if (builder.Configuration.Read<WorkerOptions>(WorkerOptions.Section).Enabled)
{
    builder.Services.AddHostedService<AutoCloseWorker>();
    builder.Services.AddHostedService<TriggerWorker>();
    builder.Services.AddHostedService<PresenceWorker>();
    builder.Services.AddHostedService<EmailWorker>();
    builder.Services.AddHostedService<MailboxWorker>();
}

var app = builder.Build();
if (command is not null)
{
    return await command.RunAsync(app, Console.OpenStandardInput(), Console.Out, Console.Error);
}

await app.PrepareDatabaseAsync();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();
app.UseWorkspaceLocalization();

// The messenger's script and the demo shop, precompressed at build time. They are public files that any
// website may load (module scripts are fetched with CORS); which websites may use the messenger is
// decided by its config and API.
app.MapStaticAssets().AllowAnonymous().RequireCors(policy => policy.AllowAnyOrigin().WithMethods("GET", "HEAD"));
app.MapGet("/demo", () => Results.Redirect("/demo/index.html")).ExcludeFromDescription();

app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference("/api/reference").AllowAnonymous();
app.MapGet("/", () => Results.Redirect("/api/reference")).ExcludeFromDescription();
app.MapParleyOperations();
app.MapAuthApi();
app.MapConversationsApi();
app.MapAttachmentsApi();
app.MapTeamApi();
app.MapTriggersApi();
app.MapApiTokensApi();
app.MapSettingsApi();
app.MapBusinessHoursApi();
app.MapEventsApi();
app.MapMessengerApi();
app.MapEmailLinks();
app.MapInboundEmailApi();
app.MapParleyWorkspace();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
