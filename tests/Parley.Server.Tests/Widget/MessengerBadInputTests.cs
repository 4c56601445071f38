using System.Net;
using System.Text.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Widget;

/// <summary>Bad input to the messenger gets a clear problem response and changes nothing.</summary>
public abstract class MessengerBadInputTests(ParleyApp app)
{
    private const int MaxMessageLength = 10_000;
    private const int MaxRequestBodyBytes = 256 * 1024;

    private async Task<(Visitor Visitor, Guid Id, StoredConversation Before)> ConversationAsync()
    {
        var visitor = await app.NewVisitorAsync();
        var id = (await visitor.StartConversationAsync("Existing")).Conversation.Id;
        return (visitor, id, await app.StoredConversationAsync(id));
    }

    private static void AssertErrorOn(JsonElement problem, string field) =>
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages) && messages.GetArrayLength() > 0,
            $"Expected a validation error on \"{field}\": {problem}");

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t  ")]
    [InlineData(null)]
    [InlineData("nul \0 inside")]
    public async Task Message_without_usable_text_is_a_validation_problem_and_changes_nothing(string? text)
    {
        var (visitor, id, before) = await ConversationAsync();
        var problem = await Expect.ProblemAsync(await visitor.PostMessageAsync(id, text, Visitor.NewClientId()), HttpStatusCode.BadRequest, "validation");
        AssertErrorOn(problem, "text");
        Assert.Equal(before, await app.StoredConversationAsync(id));
    }

    [Fact]
    public async Task Text_over_the_limit_is_refused_and_text_at_the_limit_is_accepted()
    {
        var (visitor, id, before) = await ConversationAsync();
        var problem = await Expect.ProblemAsync(
            await visitor.PostMessageAsync(id, new string('x', MaxMessageLength + 1), Visitor.NewClientId()), HttpStatusCode.BadRequest, "validation");
        AssertErrorOn(problem, "text");
        Assert.Equal(before, await app.StoredConversationAsync(id));

        var atLimit = await visitor.SendAsync(id, new string('x', MaxMessageLength));
        Assert.Equal(MaxMessageLength, atLimit.Message.Text.Length);
    }

    [Fact]
    public async Task Starting_with_empty_or_oversized_text_creates_no_conversation()
    {
        var visitor = await app.NewVisitorAsync();
        await Expect.ProblemAsync(await visitor.PostStartAsync(" ", Visitor.NewClientId()), HttpStatusCode.BadRequest, "validation");
        await Expect.ProblemAsync(await visitor.PostStartAsync(new string('x', MaxMessageLength + 1), Visitor.NewClientId()), HttpStatusCode.BadRequest, "validation");
        await Expect.ProblemAsync(await visitor.PostStartAsync("Hi", "bad client id"), HttpStatusCode.BadRequest, "validation");
        await Expect.ProblemAsync(await visitor.PostStartAsync("Hi", Visitor.NewClientId(), pageUrl: "javascript:alert(1)"), HttpStatusCode.BadRequest, "validation");
        Assert.Empty(await app.StoredConversationIdsAsync(visitor.EndUserId));
    }

    [Fact]
    public async Task Body_over_the_request_limit_is_a_413_problem_and_changes_nothing()
    {
        var (visitor, id, before) = await ConversationAsync();
        await Expect.ProblemAsync(await visitor.PostMessageBodyAsync(id, RawBody.LargerThan(MaxRequestBodyBytes)), HttpStatusCode.RequestEntityTooLarge, "too-large");
        Assert.Equal(before, await app.StoredConversationAsync(id));
    }

    [Theory]
    [InlineData("{\"text\": \"hi\",")]
    [InlineData("{text: 'hi'}")]
    [InlineData("not json at all")]
    [InlineData("")]
    public async Task Malformed_json_is_a_malformed_request_problem_and_changes_nothing(string body)
    {
        var (visitor, id, before) = await ConversationAsync();
        await Expect.ProblemAsync(await visitor.PostMessageBodyAsync(id, RawBody.Json(body)), HttpStatusCode.BadRequest, "malformed-request");
        Assert.Equal(before, await app.StoredConversationAsync(id));
    }

    [Theory]
    [InlineData("{\"text\": 5, \"clientId\": \"c-1\"}")]
    [InlineData("{\"text\": [\"hi\"], \"clientId\": \"c-1\"}")]
    [InlineData("{\"text\": \"hi\", \"clientId\": {\"id\": 1}}")]
    [InlineData("[\"hi\"]")]
    [InlineData("\"hi\"")]
    public async Task Wrong_json_types_are_a_malformed_request_problem_and_change_nothing(string body)
    {
        var (visitor, id, before) = await ConversationAsync();
        await Expect.ProblemAsync(await visitor.PostMessageBodyAsync(id, RawBody.Json(body)), HttpStatusCode.BadRequest, "malformed-request");
        Assert.Equal(before, await app.StoredConversationAsync(id));
    }

    [Fact]
    public async Task Body_that_is_not_json_is_a_415_problem_and_changes_nothing()
    {
        var (visitor, id, before) = await ConversationAsync();
        await Expect.ProblemAsync(await visitor.PostMessageBodyAsync(id, RawBody.Of("text=hi", "application/x-www-form-urlencoded")), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Equal(before, await app.StoredConversationAsync(id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has spaces")]
    [InlineData("emoji-\u263A")]
    [InlineData("quote\"s")]
    public async Task Bad_client_id_is_a_validation_problem_and_changes_nothing(string clientId)
    {
        var (visitor, id, before) = await ConversationAsync();
        var problem = await Expect.ProblemAsync(await visitor.PostMessageAsync(id, "Hello", clientId), HttpStatusCode.BadRequest, "validation");
        AssertErrorOn(problem, "clientId");
        Assert.Equal(before, await app.StoredConversationAsync(id));
    }

    [Fact]
    public async Task Client_id_over_100_characters_is_a_validation_problem()
    {
        var (visitor, id, before) = await ConversationAsync();
        var problem = await Expect.ProblemAsync(await visitor.PostMessageAsync(id, "Hello", new string('c', 101)), HttpStatusCode.BadRequest, "validation");
        AssertErrorOn(problem, "clientId");
        Assert.Equal(before, await app.StoredConversationAsync(id));
    }

    [Fact]
    public async Task Unknown_conversation_id_is_404_and_creates_nothing()
    {
        var visitor = await app.NewVisitorAsync();
        await Expect.ProblemAsync(await visitor.PostMessageAsync(Guid.NewGuid(), "Hello", Visitor.NewClientId()), HttpStatusCode.NotFound, "conversation-not-found");
        await Expect.ProblemAsync(await visitor.PostReadAsync(Guid.NewGuid(), 0), HttpStatusCode.NotFound, "conversation-not-found");
        Assert.Empty(await app.StoredConversationIdsAsync(visitor.EndUserId));
    }

    [Fact]
    public async Task Bad_read_position_and_history_parameters_are_problems_and_change_nothing()
    {
        var (visitor, id, before) = await ConversationAsync();
        await Expect.ProblemAsync(await visitor.PostReadBodyAsync(id, RawBody.Json("{\"seq\": \"one\"}")),
            HttpStatusCode.BadRequest, "malformed-request");
        await Expect.ProblemAsync(await visitor.PostReadBodyAsync(id, RawBody.Json("{\"seq\": 1.5}")),
            HttpStatusCode.BadRequest, "malformed-request");
        await Expect.ProblemAsync(await visitor.PostReadBodyAsync(id, RawBody.Json("{}")),
            HttpStatusCode.BadRequest, "malformed-request");
        await Expect.ProblemAsync(await visitor.GetHistoryResponseAsync(id, "after=abc"),
            HttpStatusCode.BadRequest, "malformed-request");
        var limit = await Expect.ProblemAsync(await visitor.GetHistoryResponseAsync(id, "limit=0"),
            HttpStatusCode.BadRequest, "validation");
        AssertErrorOn(limit, "limit");
        Assert.Equal(before, await app.StoredConversationAsync(id));
    }

    [Fact]
    public async Task After_refused_requests_the_next_good_message_gets_the_next_sequence_number()
    {
        var (visitor, id, _) = await ConversationAsync();
        await Expect.ProblemAsync(await visitor.PostMessageAsync(id, "", Visitor.NewClientId()), HttpStatusCode.BadRequest, "validation");
        await Expect.ProblemAsync(await visitor.PostMessageBodyAsync(id, RawBody.Json("{")), HttpStatusCode.BadRequest, "malformed-request");
        var posted = await visitor.SendAsync(id, "Finally");
        Assert.Equal(2, posted.Message.Seq);
        Assert.Equal([1L, 2L], (await app.StoredConversationAsync(id)).MessageSeqs);
    }
}

public sealed class MessengerBadInputTests_Sqlite(SqliteApp app) : MessengerBadInputTests(app), IClassFixture<SqliteApp>;

public sealed class MessengerBadInputTests_Postgres(PostgresApp app) : MessengerBadInputTests(app), IClassFixture<PostgresApp>;
