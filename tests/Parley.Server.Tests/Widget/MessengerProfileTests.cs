using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Parley.Core.Accounts;
using Parley.Core.Conversations;
using Parley.Core.Data;
using Parley.Core.EndUsers;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Widget;

namespace Parley.Server.Tests.Widget;

/// <summary>What the messenger needs around the conversation: its config, the end user's profile, the email form, signed identity.</summary>
public abstract class MessengerProfileTests(ParleyApp app)
{
    [Theory]
    [InlineData("jamie@example.com", "jamie@example.com")]
    [InlineData("  Jamie.Rivera+shop@Example.co.uk ", "Jamie.Rivera+shop@Example.co.uk")]
    public async Task A_typed_email_is_saved_on_the_profile_unverified(string typed, string stored)
    {
        var visitor = await app.NewVisitorAsync();

        var profile = await Expect.JsonAsync<EndUserProfile>(await PutEmailAsync(visitor, typed), HttpStatusCode.OK);

        Assert.Equal(stored, profile.Email);
        Assert.False(profile.EmailVerified);
    }

    [Theory]
    [InlineData("not an email", "invalid-email")]
    [InlineData("jamie@", "invalid-email")]
    [InlineData("jamie@localhost", "invalid-email")]
    [InlineData("jamie..r@example.com", "invalid-email")]
    [InlineData("", "invalid-email")]
    [InlineData("jérôme@example.com", "accented-email")]
    [InlineData("jamie@exämple.com", "accented-email")]
    public async Task A_bad_or_accented_email_is_refused_with_its_own_problem_and_nothing_is_saved(string typed, string code)
    {
        var visitor = await app.NewVisitorAsync();

        var problem = await Expect.ProblemAsync(await PutEmailAsync(visitor, typed), HttpStatusCode.BadRequest, code);

        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _));
        var profile = await Expect.JsonAsync<EndUserProfile>(await visitor.Client.GetAsync("/messenger/v1/profile"), HttpStatusCode.OK);
        Assert.Null(profile.Email);
    }

    [Fact]
    public async Task A_typed_email_never_merges_the_visitor_into_another_end_user_with_that_address()
    {
        var first = await app.NewVisitorAsync();
        var second = await app.NewVisitorAsync();
        var address = $"shared-{Guid.NewGuid():N}@example.com";
        await Expect.StatusAsync(await PutEmailAsync(first, address), HttpStatusCode.OK);
        var started = await second.StartConversationAsync("Mine, not theirs");

        await Expect.StatusAsync(await PutEmailAsync(second, address), HttpStatusCode.OK);

        var owners = await app.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().EndUsers
            .Where(u => u.Email == address).Select(u => u.Id).ToListAsync());
        Assert.Equal(2, owners.Count);
        Assert.Contains(started.Conversation.Id, await app.StoredConversationIdsAsync(second.EndUserId));
    }

    [Fact]
    public async Task Language_on_the_profile_can_be_set_and_a_bad_tag_is_refused()
    {
        var visitor = await app.NewVisitorAsync("en");

        var profile = await Expect.JsonAsync<EndUserProfile>(
            await visitor.Client.PutAsJsonAsync("/messenger/v1/profile/language", new { language = "pt-BR" }, ParleyApp.Json), HttpStatusCode.OK);
        await Expect.ProblemAsync(
            await visitor.Client.PutAsJsonAsync("/messenger/v1/profile/language", new { language = "portuguese!" }, ParleyApp.Json),
            HttpStatusCode.BadRequest, "validation");

        Assert.Equal("pt-BR", profile.Language);
    }

    [Fact]
    public async Task A_system_message_can_ask_the_messenger_for_the_email_form()
    {
        var visitor = await app.NewVisitorAsync();
        var started = await visitor.StartConversationAsync("Hello");

        await app.InScopeAsync(sp => sp.GetRequiredService<ConversationService>().PostAutomatedAsync(
            started.Conversation.Id, MessageAuthorKind.Trigger, "Leave your email and we'll reply there too.", MessagePrompts.Email, default));

        var history = await visitor.HistoryAsync(started.Conversation.Id);
        Assert.Equal("email", history[^1].Prompt);
        Assert.Equal(MessageAuthorKind.Trigger, history[^1].AuthorKind);
    }

    [Fact]
    public async Task Config_allows_embedding_from_parley_itself_and_allowed_origins_only()
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        await Expect.StatusAsync(await admin.Client.PatchAsJsonAsync("/api/v1/settings",
            new { allowedOrigins = new[] { "https://shop.example.com" } }, ParleyApp.Json), HttpStatusCode.OK);

        Assert.True((await ConfigFromAsync(null)).EmbedAllowed);
        Assert.True((await ConfigFromAsync("https://shop.example.com")).EmbedAllowed);
        Assert.False((await ConfigFromAsync("https://elsewhere.example.org")).EmbedAllowed);
    }

    [Fact]
    public async Task Messenger_api_answers_cors_only_for_allowed_origins()
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        await Expect.StatusAsync(await admin.Client.PatchAsJsonAsync("/api/v1/settings",
            new { allowedOrigins = new[] { "https://shop.example.com" } }, ParleyApp.Json), HttpStatusCode.OK);

        var allowed = await PreflightAsync("https://shop.example.com");
        var refused = await PreflightAsync("https://elsewhere.example.org");

        Assert.Equal("https://shop.example.com", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Signed_identity_signs_in_the_website_user_verifies_their_email_and_brings_the_anonymous_conversation()
    {
        var secret = await RotateSecretAsync();
        var visitor = await app.NewVisitorAsync();
        var started = await visitor.StartConversationAsync("Before I logged in");
        var externalId = "user-" + Guid.NewGuid().ToString("N");

        var session = await IdentifyAsync(visitor, Sign(secret, externalId, "Jamie Rivera", "jamie@shop.example", verified: true, "fr"));

        using var identified = app.Anonymous();
        identified.DefaultRequestHeaders.Authorization = new("Bearer", session.Token);
        var profile = await Expect.JsonAsync<EndUserProfile>(await identified.GetAsync("/messenger/v1/profile"), HttpStatusCode.OK);
        Assert.Equal(new EndUserProfile("Jamie Rivera", "jamie@shop.example", true, "fr"), profile);
        var conversations = await Expect.JsonAsync<List<MessengerConversation>>(await identified.GetAsync("/messenger/v1/conversations"), HttpStatusCode.OK);
        Assert.Contains(conversations, c => c.Id == started.Conversation.Id);
        await Expect.ProblemAsync(await visitor.Client.GetAsync("/messenger/v1/profile"), HttpStatusCode.Unauthorized);

        // The same website user on another device reaches the same end user.
        var again = await IdentifyAsync(await app.NewVisitorAsync(), Sign(secret, externalId, null, null, verified: false, null));
        Assert.Equal(session.EndUserId, again.EndUserId);
    }

    [Fact]
    public async Task Identity_tokens_with_a_wrong_signature_an_expiry_in_the_past_or_another_algorithm_are_refused()
    {
        var secret = await RotateSecretAsync();
        var visitor = await app.NewVisitorAsync();
        var expired = Sign(secret, "user-x", null, null, false, null, expires: app.Clock.GetUtcNow().AddMinutes(-10));

        foreach (var token in new[] { Sign("ids_not-the-account-secret-but-long-enough-000", "user-x", null, null, false, null), expired, "not.a.jwt", "" })
        {
            var response = await visitor.Client.PostAsJsonAsync("/messenger/v1/sessions/identify", new { token }, ParleyApp.Json);
            await Expect.ProblemAsync(response, HttpStatusCode.Unauthorized, "invalid-identity-token");
        }
        await Expect.JsonAsync<EndUserProfile>(await visitor.Client.GetAsync("/messenger/v1/profile"), HttpStatusCode.OK);
    }

    private async Task<string> RotateSecretAsync()
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        var rotated = await Expect.JsonAsync<JsonElement>(await admin.Client.PostAsync("/api/v1/settings/identity-secret", null), HttpStatusCode.OK);
        return rotated.GetProperty("secret").GetString()!;
    }

    private string Sign(string secret, string externalId, string? name, string? email, bool verified, string? language, DateTimeOffset? expires = null)
    {
        var claims = new Dictionary<string, object> { ["external_id"] = externalId, ["email_verified"] = verified };
        if (name is not null) { claims["name"] = name; }
        if (email is not null) { claims["email"] = email; }
        if (language is not null) { claims["language"] = language; }
        var now = app.Clock.GetUtcNow();
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            IssuedAt = now.UtcDateTime.AddMinutes(-20),
            NotBefore = now.UtcDateTime.AddMinutes(-20),
            Expires = (expires ?? now.AddHours(1)).UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
        });
    }

    private static async Task<SessionResponse> IdentifyAsync(Visitor visitor, string jwt) =>
        await Expect.JsonAsync<SessionResponse>(
            await visitor.Client.PostAsJsonAsync("/messenger/v1/sessions/identify", new { token = jwt }, ParleyApp.Json), HttpStatusCode.OK);

    private static Task<HttpResponseMessage> PutEmailAsync(Visitor visitor, string email) =>
        visitor.Client.PutAsJsonAsync("/messenger/v1/profile/email", new { email }, ParleyApp.Json);

    private async Task<MessengerConfig> ConfigFromAsync(string? origin)
    {
        using var client = app.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/messenger/v1/config");
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }
        return await Expect.JsonAsync<MessengerConfig>(await client.SendAsync(request), HttpStatusCode.OK);
    }

    private async Task<HttpResponseMessage> PreflightAsync(string origin)
    {
        using var client = app.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Options, "/messenger/v1/conversations");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return await client.SendAsync(request);
    }
}

public sealed class MessengerProfileTests_Sqlite(SqliteApp app) : MessengerProfileTests(app), IClassFixture<SqliteApp>;

public sealed class MessengerProfileTests_Postgres(PostgresApp app) : MessengerProfileTests(app), IClassFixture<PostgresApp>;
