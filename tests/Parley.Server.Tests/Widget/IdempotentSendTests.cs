using System.Net;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Widget;

namespace Parley.Server.Tests.Widget;

/// <summary>A send carries a client id, so retries (even concurrent ones) store one message; sequence numbers never gap or repeat.</summary>
public abstract class IdempotentSendTests(ParleyApp app)
{
    [Fact]
    public async Task Retry_with_the_same_client_id_returns_200_with_the_same_message()
    {
        var visitor = await app.NewVisitorAsync();
        var id = (await visitor.StartConversationAsync()).Conversation.Id;
        var clientId = Visitor.NewClientId();

        var first = await Expect.JsonAsync<MessengerPosted>(await visitor.PostMessageAsync(id, "Only once", clientId), HttpStatusCode.Created);
        var retry = await Expect.JsonAsync<MessengerPosted>(await visitor.PostMessageAsync(id, "Only once", clientId), HttpStatusCode.OK);

        Assert.Equal(first.Message.Id, retry.Message.Id);
        Assert.Equal(2, retry.Message.Seq);
        Assert.Equal(clientId, retry.Message.ClientId);
        Assert.Equal([1L, 2L], (await app.StoredConversationAsync(id)).MessageSeqs);
    }

    [Fact]
    public async Task Retried_start_with_the_same_client_id_returns_the_same_conversation()
    {
        var visitor = await app.NewVisitorAsync();
        var clientId = Visitor.NewClientId();

        var first = await Expect.JsonAsync<MessengerPosted>(await visitor.PostStartAsync("Hello", clientId), HttpStatusCode.Created);
        var retry = await Expect.JsonAsync<MessengerPosted>(await visitor.PostStartAsync("Hello", clientId), HttpStatusCode.OK);

        Assert.Equal(first.Conversation.Id, retry.Conversation.Id);
        Assert.Equal(first.Message.Id, retry.Message.Id);
        Assert.Equal([first.Conversation.Id], await app.StoredConversationIdsAsync(visitor.EndUserId));
    }

    [Fact]
    public async Task Twenty_concurrent_sends_with_the_same_client_id_store_exactly_one_message()
    {
        var visitor = await app.NewVisitorAsync();
        var id = (await visitor.StartConversationAsync()).Conversation.Id;
        var clientId = Visitor.NewClientId();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => visitor.PostMessageAsync(id, "Flaky network", clientId)));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(19, statuses.Count(s => s == HttpStatusCode.OK));
        var messages = await Task.WhenAll(responses.Select(r => Expect.JsonAsync<MessengerPosted>(r, r.StatusCode)));
        Assert.Single(messages.Select(m => m.Message.Id).Distinct());
        Assert.All(messages, m => Assert.Equal(2, m.Message.Seq));

        var history = await visitor.HistoryAsync(id);
        Assert.Equal([1L, 2L], history.Select(m => m.Seq));
        Assert.Equal([1L, 2L], (await app.StoredConversationAsync(id)).MessageSeqs);
        Assert.Equal(2, (await app.StoredConversationAsync(id)).LastMessageSeq);
    }

    [Fact]
    public async Task Twenty_concurrent_starts_with_the_same_client_id_create_one_conversation()
    {
        var visitor = await app.NewVisitorAsync();
        var clientId = Visitor.NewClientId();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => visitor.PostStartAsync("Hello?", clientId)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var stored = await app.StoredConversationIdsAsync(visitor.EndUserId);
        var only = Assert.Single(stored);
        Assert.Equal([1L], (await app.StoredConversationAsync(only)).MessageSeqs);
    }

    [Fact]
    public async Task Concurrent_different_messages_from_visitor_and_agent_get_distinct_gap_free_sequence_numbers()
    {
        var agent = await app.SignInNewAgentAsync();
        var visitor = await app.NewVisitorAsync();
        var id = (await visitor.StartConversationAsync()).Conversation.Id;

        var fromVisitor = Enumerable.Range(0, 10).Select(async i =>
            (await Expect.JsonAsync<MessengerPosted>(await visitor.PostMessageAsync(id, $"visitor {i}", Visitor.NewClientId()), HttpStatusCode.Created)).Message.Seq);
        var fromAgent = Enumerable.Range(0, 10).Select(async i =>
            (await agent.ReplyAsync(id, $"agent {i}", clientId: Visitor.NewClientId())).Seq);
        var seqs = await Task.WhenAll(fromVisitor.Concat(fromAgent));

        Assert.Equal(Enumerable.Range(2, 20).Select(i => (long)i), seqs.Order());
        var stored = await app.StoredConversationAsync(id);
        Assert.Equal(Enumerable.Range(1, 21).Select(i => (long)i), stored.MessageSeqs);
        Assert.Equal(21, stored.LastMessageSeq);
        Assert.Equal(21, (await visitor.HistoryAsync(id)).Count);
    }

    [Fact]
    public async Task Agent_reply_retried_with_the_same_client_id_is_stored_once()
    {
        var agent = await app.SignInNewAgentAsync();
        var visitor = await app.NewVisitorAsync();
        var id = (await visitor.StartConversationAsync()).Conversation.Id;
        var clientId = Visitor.NewClientId();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => agent.PostReplyAsync(id, "Once", clientId)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal([1L, 2L], (await app.StoredConversationAsync(id)).MessageSeqs);
    }
}

public sealed class IdempotentSendTests_Sqlite(SqliteApp app) : IdempotentSendTests(app), IClassFixture<SqliteApp>;

public sealed class IdempotentSendTests_Postgres(PostgresApp app) : IdempotentSendTests(app), IClassFixture<PostgresApp>;
