using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core;
using Parley.Core.Conversations;
using Parley.Core.Data;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Api;

/// <summary>Searching conversations by end-user name, email or message text (ConversationQueries.SearchAsync).</summary>
public abstract class ConversationSearchTests(ParleyApp app)
{
    private Task<IReadOnlyList<ConversationListItem>> SearchAsync(string query, int limit = ConversationQueries.MaxSearchResults) =>
        app.InScopeAsync(sp => sp.GetRequiredService<ConversationQueries>().SearchAsync(query, limit, default));

    private async Task<IReadOnlyList<Guid>> SearchIdsAsync(string query) => [.. (await SearchAsync(query)).Select(i => i.Conversation.Id)];

    [Fact]
    public async Task Finds_by_message_text_name_and_email_ignoring_case_newest_first()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var byText = await app.NewVisitorAsync();
        var textId = (await byText.StartConversationAsync($"My parcel Zebra{tag} never arrived")).Conversation.Id;
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var byProfile = await app.NewVisitorAsync();
        var profileId = (await byProfile.StartConversationAsync("Hello")).Conversation.Id;
        await app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var user = await db.EndUsers.SingleAsync(u => u.Id == byProfile.EndUserId);
            user.Name = $"Jiwoo Zebra{tag}";
            user.Email = $"jiwoo.{tag}@Example.COM";
            return await db.SaveChangesAsync();
        });

        Assert.Equal([profileId, textId], await SearchIdsAsync($"  zebra{tag.ToUpperInvariant()} "));
        Assert.Equal([textId], await SearchIdsAsync($"PARCEL ZEBRA{tag}"));
        Assert.Equal([profileId], await SearchIdsAsync($"jiwoo.{tag}@example.com"));
        Assert.Equal([profileId], await SearchIdsAsync($"JIWOO ZEBRA{tag}"));
        Assert.Empty(await SearchIdsAsync($"nothing-{tag}"));
        Assert.Single(await SearchAsync($"zebra{tag}", limit: 1));
    }

    [Fact]
    public async Task Percent_and_underscore_match_only_themselves()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var visitor = await app.NewVisitorAsync();
        var literal = (await visitor.StartConversationAsync($"Discount 50%_off{tag} did not apply")).Conversation.Id;
        var other = await app.NewVisitorAsync();
        await other.StartConversationAsync($"Discount 50Xoff{tag} did not apply");

        Assert.Equal([literal], await SearchIdsAsync($"50%_off{tag}"));
        Assert.Empty(await SearchIdsAsync($"5%{tag}"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" a ")]
    public async Task A_query_shorter_than_two_characters_is_refused(string query)
    {
        var problem = await Assert.ThrowsAsync<ParleyProblem>(() => SearchAsync(query));
        Assert.True(problem.Errors?.ContainsKey("q"));
    }

    [Fact]
    public async Task A_query_longer_than_200_characters_or_a_bad_limit_is_refused()
    {
        await Assert.ThrowsAsync<ParleyProblem>(() => SearchAsync(new string('x', 201)));
        await Assert.ThrowsAsync<ParleyProblem>(() => SearchAsync("hello", limit: 0));
        await Assert.ThrowsAsync<ParleyProblem>(() => SearchAsync("hello", limit: 51));
        Assert.NotNull(await SearchAsync(new string('x', 200)));
    }
}

public sealed class ConversationSearchTests_Sqlite(SqliteApp app) : ConversationSearchTests(app), IClassFixture<SqliteApp>;

public sealed class ConversationSearchTests_Postgres(PostgresApp app) : ConversationSearchTests(app), IClassFixture<PostgresApp>;
