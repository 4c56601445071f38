using System.Net.Http.Json;
using Parley.Core.Conversations;
using Parley.Core.Events;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Widget;

namespace Parley.Server.Tests.Realtime;

/// <summary>The thin real path: a visitor's message reaches a signed-in agent live, and the reply streams back.</summary>
public abstract class LivePathTests(ParleyApp app)
{
    [Fact]
    public async Task Visitor_message_reaches_agent_stream_and_agent_reply_streams_back_to_visitor()
    {
        var agent = await app.SignInNewAgentAsync();
        await using var agentEvents = await agent.OpenEventsAsync();
        var visitor = await app.NewVisitorAsync();

        var started = await visitor.StartConversationAsync("Where is my parcel?");
        var seen = await agentEvents.NextMatchingAsync(e =>
            e.Type == "message.created" && e.As<MessageCreated>().Message.ConversationId == started.Conversation.Id);
        Assert.Equal("Where is my parcel?", seen.As<MessageCreated>().Message.Text);

        await using var visitorEvents = await visitor.OpenStreamAsync(started.Conversation.Id, lastEventId: 1);
        await agent.ReplyAsync(started.Conversation.Id, "It arrives tomorrow.");
        var reply = await visitorEvents.NextMatchingAsync(e => e.Type == "message");
        Assert.Equal("2", reply.Id);
        var message = reply.As<MessengerMessage>();
        Assert.Equal("It arrives tomorrow.", message.Text);
        Assert.Equal(MessageAuthorKind.Agent, message.AuthorKind);
    }

    [Fact]
    public async Task An_email_the_visitor_leaves_reaches_the_agent_stream_as_an_end_user_change()
    {
        var agent = await app.SignInNewAgentAsync();
        await using var agentEvents = await agent.OpenEventsAsync();
        var visitor = await app.NewVisitorAsync();
        await visitor.StartConversationAsync("Can you write to me?");
        var address = $"jo-{Guid.NewGuid():N}@example.com";

        var saved = await visitor.Client.PutAsJsonAsync("/messenger/v1/profile/email", new { email = address });
        saved.EnsureSuccessStatusCode();

        var seen = await agentEvents.NextMatchingAsync(e => e.Type == "end-user.changed" && e.As<EndUserChanged>().EndUser.Email == address);
        Assert.False(seen.As<EndUserChanged>().EndUser.EmailVerified);
    }
}

public sealed class LivePathTests_Sqlite(SqliteApp app) : LivePathTests(app), IClassFixture<SqliteApp>;

public sealed class LivePathTests_Postgres(PostgresApp app) : LivePathTests(app), IClassFixture<PostgresApp>;
