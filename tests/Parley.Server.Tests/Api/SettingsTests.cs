using System.Net;
using System.Text.Json;
using Parley.Core.Accounts;
using Parley.Server.Api;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Api;

/// <summary>Account settings: every agent reads them, admins change them, and a bad value saves nothing.</summary>
public abstract class SettingsTests(ParleyApp app)
{
    private static void AssertSame(AccountSettings expected, AccountSettings actual) =>
        Assert.Equivalent(expected, actual, strict: true);

    [Fact]
    public async Task Admin_changes_settings_and_the_messenger_sees_them()
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);

        var changed = await Expect.JsonAsync<SettingsResponse>(await admin.PatchSettingsAsync(new
        {
            businessName = "  Acme Support  ",
            messengerColor = "#A1B2C3",
            greeting = "Welcome to Acme",
            allowedOrigins = new[] { "https://Shop.Acme.example/", "https://shop.acme.example" },
            offeredLanguages = new[] { "en", "de" },
            autoCloseSolvedAfterDays = 7,
        }), HttpStatusCode.OK);

        Assert.Equal("Acme Support", changed.BusinessName);
        Assert.Equal("#a1b2c3", changed.MessengerColor);
        Assert.Equal(["https://shop.acme.example"], changed.AllowedOrigins);
        Assert.Equal(["en", "de"], changed.OfferedLanguages);
        Assert.Equal(7, changed.AutoCloseSolvedAfterDays);
        Assert.False(changed.IdentitySecretSet);
        Assert.Equivalent(changed, await admin.GetSettingsAsync(), strict: true);

        var config = await app.MessengerConfigAsync();
        Assert.Equal("Acme Support", config.BusinessName);
        Assert.Equal("#a1b2c3", config.Color);
        Assert.Equal("Welcome to Acme", config.Greeting);
    }

    [Fact]
    public async Task Fields_left_out_of_a_patch_keep_their_values()
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        var before = await admin.GetSettingsAsync();
        var changed = await Expect.JsonAsync<SettingsResponse>(await admin.PatchSettingsAsync(new { greeting = "Hello there" }), HttpStatusCode.OK);
        Assert.Equivalent(before with { Greeting = "Hello there" }, changed, strict: true);
    }

    [Fact]
    public async Task Every_agent_may_read_the_settings()
    {
        var agent = await app.SignInNewAgentAsync();
        var settings = await agent.GetSettingsAsync();
        Assert.Equal((await app.StoredSettingsAsync()).BusinessName, settings.BusinessName);
    }

    [Theory]
    [InlineData("businessName", "\"   \"")]
    [InlineData("messengerColor", "\"red\"")]
    [InlineData("messengerColor", "\"#12345\"")]
    [InlineData("greeting", null)]
    [InlineData("allowedOrigins", "[\"ftp://files.example.com\"]")]
    [InlineData("allowedOrigins", "[\"https://shop.example.com/path\"]")]
    [InlineData("defaultLanguage", "\"not-a-language-at-all\"")]
    [InlineData("offeredLanguages", "[]")]
    [InlineData("autoCloseSolvedAfterDays", "0")]
    [InlineData("autoCloseSolvedAfterDays", "29")]
    public async Task Bad_value_is_a_validation_problem_naming_the_field_and_nothing_is_saved(string field, string? json)
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        var before = await app.StoredSettingsAsync();
        // A valid change rides along: it must not be saved either.
        var value = json ?? JsonSerializer.Serialize(new string('g', 501));
        var body = $"{{\"businessName\":\"Should not be saved\",\"{field}\":{value}}}";
        if (field == "businessName")
        {
            body = $"{{\"greeting\":\"Should not be saved\",\"{field}\":{value}}}";
        }

        var response = await admin.PatchSettingsBodyAsync(RawBody.Json(body));

        var problem = await Expect.ProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        var errors = problem.GetProperty("errors");
        var only = Assert.Single(errors.EnumerateObject());
        Assert.Equal(field, only.Name);
        Assert.True(only.Value.GetArrayLength() > 0, $"Expected an error on {field}: {problem}");
        AssertSame(before, await app.StoredSettingsAsync());
    }

    [Fact]
    public async Task Several_bad_values_are_all_reported_at_once()
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        var before = await app.StoredSettingsAsync();
        var problem = await Expect.ProblemAsync(
            await admin.PatchSettingsAsync(new { messengerColor = "blue", autoCloseSolvedAfterDays = 100, defaultLanguage = "??" }),
            HttpStatusCode.BadRequest, "validation");
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order();
        Assert.Equal(["autoCloseSolvedAfterDays", "defaultLanguage", "messengerColor"], fields);
        AssertSame(before, await app.StoredSettingsAsync());
    }

    [Theory]
    [InlineData("{\"autoCloseSolvedAfterDays\": \"seven\"}")]
    [InlineData("{\"messagingEnabled\": \"yes\"}")]
    [InlineData("{\"allowedOrigins\": \"https://shop.example.com\"}")]
    [InlineData("{\"businessName\": ")]
    public async Task Wrong_json_is_a_malformed_request_problem_and_nothing_is_saved(string body)
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        var before = await app.StoredSettingsAsync();
        await Expect.ProblemAsync(await admin.PatchSettingsBodyAsync(RawBody.Json(body)), HttpStatusCode.BadRequest, "malformed-request");
        AssertSame(before, await app.StoredSettingsAsync());
    }
}

public sealed class SettingsTests_Sqlite(SqliteApp app) : SettingsTests(app), IClassFixture<SqliteApp>;

public sealed class SettingsTests_Postgres(PostgresApp app) : SettingsTests(app), IClassFixture<PostgresApp>;
