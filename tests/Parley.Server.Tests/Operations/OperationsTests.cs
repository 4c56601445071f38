using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Data;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Operations;

/// <summary>What an operator relies on: health, readiness, metrics, the API description, and migrations applied at start.</summary>
public abstract class OperationsTests(ParleyApp app)
{
    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Health_and_readiness_answer_200_without_credentials(string path)
    {
        var response = await app.Anonymous().GetAsync(path);
        await Expect.StatusAsync(response, HttpStatusCode.OK);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_serve_prometheus_text_with_parley_metrics_after_a_message()
    {
        var visitor = await app.NewVisitorAsync();
        await visitor.StartConversationAsync();

        var response = await app.Anonymous().GetAsync("/metrics");

        await Expect.StatusAsync(response, HttpStatusCode.OK);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE parley_events_published", text, StringComparison.Ordinal);
        Assert.Matches("(?m)^parley_events_published_total\\{[^}]*type=\"message.created\"[^}]*\\} [1-9]", text);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_document_is_valid_json_listing_the_api_and_messenger_routes()
    {
        var response = await app.Anonymous().GetAsync("/openapi/v1.json");
        await Expect.StatusAsync(response, HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;

        Assert.StartsWith("3.", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = root.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/conversations", paths);
        Assert.Contains("/api/v1/conversations/{conversation}/replies", paths);
        Assert.Contains("/messenger/v1/conversations", paths);
        Assert.Contains("/messenger/v1/conversations/{id}/messages", paths);
    }

    [Fact]
    public async Task Api_reference_page_is_served()
    {
        var client = app.Anonymous();
        var response = await client.GetAsync("/api/reference");
        if (response.StatusCode == HttpStatusCode.Found)
        {
            // Scalar moves to the folder form so the page's relative script paths resolve.
            Assert.Equal("/api/reference/", new Uri(new Uri(client.BaseAddress!, "/api/reference"), response.Headers.Location!).AbsolutePath);
            response = await client.GetAsync("/api/reference/");
        }
        await Expect.StatusAsync(response, HttpStatusCode.OK);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("openapi/v1.json", page, StringComparison.Ordinal);
        Assert.Contains("scalar.js", page, StringComparison.Ordinal);
        await Expect.StatusAsync(await client.GetAsync("/api/reference/scalar.js"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Every_migration_of_the_provider_was_applied_at_start_starting_with_initial()
    {
        var (provider, known, applied, pending) = await app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (db.Database.ProviderName, db.Database.GetMigrations().ToList(),
                (await db.Database.GetAppliedMigrationsAsync()).ToList(), (await db.Database.GetPendingMigrationsAsync()).ToList());
        });

        Assert.Equal(app.Provider == "Postgres" ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", provider);
        Assert.EndsWith("_Initial", applied[0], StringComparison.Ordinal);
        Assert.Equal(known, applied);
        Assert.Empty(pending);
    }

    [Fact]
    public async Task First_start_created_the_settings_row_and_one_admin_without_demo_data()
    {
        var (settings, admins, conversations) = await app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (await db.Settings.CountAsync(),
                await db.Agents.CountAsync(a => a.Email == Core.Accounts.FirstRunSetup.AdminEmail && a.Role == Core.Accounts.AgentRole.Admin),
                await db.Conversations.CountAsync(c => c.StartClientId == "demo-1"));
        });
        Assert.Equal(1, settings);
        Assert.Equal(1, admins);
        Assert.Equal(0, conversations);
    }
}

public sealed class OperationsTests_Sqlite(SqliteApp app) : OperationsTests(app), IClassFixture<SqliteApp>;

public sealed class OperationsTests_Postgres(PostgresApp app) : OperationsTests(app), IClassFixture<PostgresApp>;
