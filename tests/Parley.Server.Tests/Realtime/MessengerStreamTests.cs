using System.Net;
using Parley.Core.Conversations;
using Parley.Core.Events;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Widget;

namespace Parley.Server.Tests.Realtime;

/// <summary>The messenger's event stream: ids are sequence numbers, a reconnect replays, internal notes stay inside.</summary>
public abstract class MessengerStreamTests(ParleyApp app)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Reconnect_with_last_event_id_replays_missed_messages_once_in_order_then_continues_live()
    {
        var agent = await app.SignInNewAgentAsync();
        var visitor = await app.NewVisitorAsync();
        var id = (await visitor.StartConversationAsync("First")).Conversation.Id;

        long lastSeen;
        await using (var first = await visitor.OpenStreamAsync(id))
        {
            await agent.ReplyAsync(id, "Live before the drop");
            var live = await first.NextMatchingAsync(e => e.Type == "message");
            Assert.Equal("2", live.Id);
            lastSeen = long.Parse(live.Id!, System.Globalization.CultureInfo.InvariantCulture);
        }

        // While the visitor is away: two replies, an internal note and a message from another tab.
        await agent.ReplyAsync(id, "Missed 3");
        await agent.NoteAsync(id, "Internal 4");
        await visitor.SendAsync(id, "Missed 5 from another tab");
        await agent.ReplyAsync(id, "Missed 6");

        await using var resumed = await visitor.OpenStreamAsync(id, lastEventId: lastSeen);
        var replayed = new List<SseEvent>();
        for (var i = 0; i < 3; i++)
        {
            replayed.Add(await resumed.NextMatchingAsync(e => e.Type == "message"));
        }
        Assert.Equal(["3", "5", "6"], replayed.Select(e => e.Id));
        Assert.Equal(["Missed 3", "Missed 5 from another tab", "Missed 6"], replayed.Select(e => e.As<MessengerMessage>().Text));
        Assert.All(replayed, e => Assert.Equal(e.Id, e.As<MessengerMessage>().Seq.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        await agent.ReplyAsync(id, "Live after the reconnect");
        var next = await resumed.NextMatchingAsync(e => e.Type == "message");
        Assert.Equal("7", next.Id);
        Assert.Equal("Live after the reconnect", next.As<MessengerMessage>().Text);
        Assert.True(await resumed.StaysQuietAsync(Quiet), "Nothing may arrive twice.");
    }

    [Fact]
    public async Task Last_event_id_beyond_the_last_message_still_delivers_the_next_live_message()
    {
        var agent = await app.SignInNewAgentAsync();
        var visitor = await app.NewVisitorAsync();
        var id = (await visitor.StartConversationAsync("Hello")).Conversation.Id;

        await using var stream = await visitor.OpenStreamAsync(id, lastEventId: 50);
        await agent.ReplyAsync(id, "Seq 2");

        var live = await stream.NextMatchingAsync(e => e.Type == "message");
        Assert.Equal("2", live.Id);
    }

    [Fact]
    public async Task Stream_opened_without_last_event_id_sends_only_new_messages()
    {
        var agent = await app.SignInNewAgentAsync();
        var visitor = await app.NewVisitorAsync();
        var id = (await visitor.StartConversationAsync("Hello")).Conversation.Id;
        await agent.ReplyAsync(id, "Already in the history");

        await using var stream = await visitor.OpenStreamAsync(id);
        await agent.ReplyAsync(id, "New one");
        var e = await stream.NextMatchingAsync(x => x.Type == "message");
        Assert.Equal("3", e.Id);
        Assert.True(await stream.StaysQuietAsync(Quiet));
    }

    [Fact]
    public async Task Last_event_id_that_is_not_a_number_is_a_problem()
    {
        var visitor = await app.NewVisitorAsync();
        var id = (await visitor.StartConversationAsync()).Conversation.Id;
        var response = await visitor.RequestStreamAsync(id, lastEventId: "abc");
        await Expect.ProblemAsync(response, HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task Internal_notes_never_reach_the_messenger_stream_but_reach_the_agent_stream()
    {
        var agent = await app.SignInNewAgentAsync();
        var visitor = await app.NewVisitorAsync();
        var id = (await visitor.StartConversationAsync()).Conversation.Id;
        await using var agentEvents = await agent.OpenEventsAsync();
        await using var visitorEvents = await visitor.OpenStreamAsync(id, lastEventId: 1);

        await agent.NoteAsync(id, "Customer is a VIP, be nice");
        var note = await agentEvents.NextMatchingAsync(e =>
            e.Type == "message.created" && e.As<MessageCreated>().Message.ConversationId == id);
        Assert.True(note.As<MessageCreated>().Message.IsInternalNote);
        Assert.Equal("Customer is a VIP, be nice", note.As<MessageCreated>().Message.Text);
        Assert.True(await visitorEvents.StaysQuietAsync(Quiet), "The note must not reach the end user.");

        await agent.ReplyAsync(id, "Public reply");
        var reply = await visitorEvents.NextMatchingAsync(e => e.Type == "message");
        Assert.Equal("3", reply.Id);
        Assert.Equal("Public reply", reply.As<MessengerMessage>().Text);

        // A reconnect from before the note replays the reply and still not the note.
        await using var replay = await visitor.OpenStreamAsync(id, lastEventId: 1);
        var replayed = await replay.NextMatchingAsync(e => e.Type == "message");
        Assert.Equal("3", replayed.Id);
        Assert.True(await replay.StaysQuietAsync(Quiet));
    }

    [Fact]
    public async Task Messenger_stream_carries_read_position_and_status_changes_of_its_own_conversation_only()
    {
        var agent = await app.SignInNewAgentAsync();
        var visitor = await app.NewVisitorAsync();
        var id = (await visitor.StartConversationAsync()).Conversation.Id;
        var other = (await (await app.NewVisitorAsync()).StartConversationAsync()).Conversation.Id;
        await using var stream = await visitor.OpenStreamAsync(id);

        await agent.ChangeStatusAsync(other, ConversationStatus.Pending);
        await agent.ReplyAsync(other, "Not for you");
        await agent.ChangeStatusAsync(id, ConversationStatus.Pending);
        var changed = await stream.NextAsync();
        Assert.Equal("conversation", changed.Type);
        Assert.Equal(id, changed.As<MessengerConversation>().Id);
        Assert.Equal(ConversationStatus.Pending, changed.As<MessengerConversation>().Status);

        await visitor.MarkReadAsync(id, 1);
        var read = await stream.NextAsync();
        Assert.Equal("read", read.Type);
        Assert.Equal(1, read.As<ReadResponse>().EndUserReadSeq);
    }

    [Fact]
    public async Task Agent_event_stream_sees_created_message_changed_and_read_events()
    {
        var agent = await app.SignInNewAgentAsync();
        await using var events = await agent.OpenEventsAsync();
        var visitor = await app.NewVisitorAsync();

        var id = (await visitor.StartConversationAsync("Hi there")).Conversation.Id;
        var created = await events.NextMatchingAsync(e => e.Type == "conversation.created" && e.As<ConversationCreated>().Conversation.Id == id);
        Assert.Equal(visitor.EndUserId, created.As<ConversationCreated>().Conversation.EndUserId);
        var first = await events.NextMatchingAsync(e => e.Type == "message.created" && e.As<MessageCreated>().Message.ConversationId == id);
        Assert.Equal("Hi there", first.As<MessageCreated>().Message.Text);

        Assert.Equal(HttpStatusCode.OK, (await agent.PutAssigneeAsync(id, agent.Id)).StatusCode);
        var assigned = await events.NextMatchingAsync(e => e.Type == "conversation.changed" && e.As<ConversationChanged>().Conversation.Id == id);
        Assert.Equal(agent.Id, assigned.As<ConversationChanged>().Conversation.AssigneeId);
        Assert.Equal(ConversationStatus.Open, assigned.As<ConversationChanged>().Conversation.Status);

        await agent.ReplyAsync(id, "Hello!");
        var reply = await events.NextMatchingAsync(e => e.Type == "message.created" && e.As<MessageCreated>().Message.ConversationId == id);
        Assert.Equal(2, reply.As<MessageCreated>().Message.Seq);

        await visitor.MarkReadAsync(id, 2);
        var read = await events.NextMatchingAsync(e => e.Type == "conversation.read" && e.As<ConversationRead>().ConversationId == id);
        Assert.Equal(2, read.As<ConversationRead>().EndUserReadSeq);

        await agent.ChangeStatusAsync(id, ConversationStatus.Solved);
        var solved = await events.NextMatchingAsync(e => e.Type == "conversation.changed" && e.As<ConversationChanged>().Conversation.Id == id);
        Assert.Equal(ConversationStatus.Solved, solved.As<ConversationChanged>().Conversation.Status);
    }
}

public sealed class MessengerStreamTests_Sqlite(SqliteApp app) : MessengerStreamTests(app), IClassFixture<SqliteApp>;

public sealed class MessengerStreamTests_Postgres(PostgresApp app) : MessengerStreamTests(app), IClassFixture<PostgresApp>;
