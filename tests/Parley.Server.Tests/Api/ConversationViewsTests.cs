using System.Net;
using Parley.Core.Conversations;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Api;

/// <summary>The agent views of the queue (unassigned, mine, open, pending, solved) and paging through them.</summary>
public abstract class ConversationViewsTests(ParleyApp app)
{
    private async Task<Guid> NewConversationAsync() => (await (await app.NewVisitorAsync()).StartConversationAsync()).Conversation.Id;

    [Fact]
    public async Task Each_view_holds_exactly_the_conversations_that_belong_in_it()
    {
        var me = await app.SignInNewAgentAsync();
        var colleague = await app.SignInNewAgentAsync();
        var fresh = await NewConversationAsync();
        var mine = await NewConversationAsync();
        var theirs = await NewConversationAsync();
        var pendingUnassigned = await NewConversationAsync();
        var onHoldMine = await NewConversationAsync();
        var solvedMine = await NewConversationAsync();
        Guid[] all = [fresh, mine, theirs, pendingUnassigned, onHoldMine, solvedMine];

        await Expect.StatusAsync(await me.PutAssigneeAsync(mine, me.Id), HttpStatusCode.OK);
        await Expect.StatusAsync(await me.PutAssigneeAsync(theirs, colleague.Id), HttpStatusCode.OK);
        await me.ChangeStatusAsync(pendingUnassigned, ConversationStatus.Pending);
        await Expect.StatusAsync(await me.PutAssigneeAsync(onHoldMine, me.Id), HttpStatusCode.OK);
        await me.ChangeStatusAsync(onHoldMine, ConversationStatus.OnHold);
        await Expect.StatusAsync(await me.PutAssigneeAsync(solvedMine, me.Id), HttpStatusCode.OK);
        await me.ChangeStatusAsync(solvedMine, ConversationStatus.Solved);

        Assert.Equivalent(new[] { fresh, pendingUnassigned }, await me.ViewIdsAsync("unassigned", all), strict: true);
        Assert.Equivalent(new[] { mine, onHoldMine }, await me.ViewIdsAsync("mine", all), strict: true);
        Assert.Equivalent(new[] { theirs }, await colleague.ViewIdsAsync("mine", all), strict: true);
        Assert.Equivalent(new[] { fresh, mine, theirs }, await me.ViewIdsAsync("open", all), strict: true);
        Assert.Equivalent(new[] { pendingUnassigned, onHoldMine }, await me.ViewIdsAsync("pending", all), strict: true);
        Assert.Equivalent(new[] { solvedMine }, await me.ViewIdsAsync("solved", all), strict: true);
        Assert.Equivalent(new[] { fresh, pendingUnassigned }, await me.ViewIdsAsync("UNASSIGNED", all), strict: true);
    }

    [Fact]
    public async Task Each_listed_conversation_previews_its_newest_message_cut_to_160_characters()
    {
        var agent = await app.SignInNewAgentAsync();
        var visitor = await app.NewVisitorAsync();
        var started = await visitor.StartConversationAsync("Where is my parcel?");
        var id = started.Conversation.Id;
        var quiet = await NewConversationAsync();

        await agent.NoteAsync(id, "Checking with the courier");
        var afterNote = (await agent.ListAllAsync("unassigned")).Single(i => i.Conversation.Id == id).LastMessage;
        var longText = "Ünïcode é " + new string('x', 300);
        await visitor.SendAsync(id, longText);
        var afterMessage = (await agent.ListAllAsync("unassigned")).Single(i => i.Conversation.Id == id).LastMessage;

        Assert.Equal(new MessagePreview(MessageAuthorKind.Agent, MessageChannel.Web, IsInternalNote: true, "Checking with the courier"), afterNote);
        Assert.NotNull(afterMessage);
        Assert.Equal(MessageAuthorKind.EndUser, afterMessage.AuthorKind);
        Assert.Equal(longText[..MessagePreview.MaxLength], afterMessage.Text);
        Assert.Equal("Hello, I need help", (await agent.ListAllAsync("unassigned")).Single(i => i.Conversation.Id == quiet).LastMessage?.Text);
    }

    [Fact]
    public async Task Default_view_is_unassigned()
    {
        var agent = await app.SignInNewAgentAsync();
        var id = await NewConversationAsync();
        var page = await Expect.JsonAsync<ConversationPage>(await agent.ListResponseAsync(), HttpStatusCode.OK);
        Assert.Contains(page.Items, i => i.Conversation.Id == id);
    }

    [Fact]
    public async Task Paging_with_the_cursor_returns_every_conversation_once_most_recently_active_first()
    {
        var agent = await app.SignInNewAgentAsync();
        var created = new List<Guid>();
        for (var i = 0; i < 9; i++)
        {
            created.Add(await NewConversationAsync());
            // Some share a timestamp (the cursor must break the tie by id), some do not.
            if (i % 3 == 2)
            {
                app.Clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        var items = await agent.ListAllAsync("open", limit: 2);
        var ids = items.Select(i => i.Conversation.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equivalent(created, ids.Where(created.Contains), strict: true);
        var times = items.Select(i => i.Conversation.UpdatedAt).ToList();
        Assert.Equal(times.OrderDescending(), times);
    }

    [Fact]
    public async Task Paging_skips_nothing_else_and_repeats_nothing_when_a_conversation_jumps_to_the_front_meanwhile()
    {
        var agent = await app.SignInNewAgentAsync();
        var visitor = await app.NewVisitorAsync();
        var early = (await visitor.StartConversationAsync()).Conversation.Id;
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var others = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            others.Add(await NewConversationAsync());
            app.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var first = await agent.ListAsync("open", limit: 2);
        Assert.DoesNotContain(first.Items, i => i.Conversation.Id == early);
        // The oldest page has not been read yet; the conversation there becomes the most recent.
        await visitor.SendAsync(early, "Bump");
        var rest = new List<Guid>();
        var cursor = first.NextCursor;
        while (cursor is not null)
        {
            var page = await agent.ListAsync("open", cursor, 2);
            rest.AddRange(page.Items.Select(i => i.Conversation.Id));
            cursor = page.NextCursor;
        }
        var seen = first.Items.Select(i => i.Conversation.Id).Concat(rest).ToList();
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Empty(others.Except(seen));
        Assert.Contains(early, (await agent.ListAsync("open", limit: 1)).Items.Select(i => i.Conversation.Id));
    }

    [Fact]
    public async Task Conversation_can_be_read_by_id_or_by_its_number_with_notes_for_agents()
    {
        var agent = await app.SignInNewAgentAsync();
        var visitor = await app.NewVisitorAsync();
        var started = await visitor.StartConversationAsync("Hello");
        await agent.NoteAsync(started.Conversation.Id, "A note");

        var byId = await agent.GetConversationAsync(started.Conversation.Id);
        var byNumber = await Expect.JsonAsync<ConversationDetail>(
            await agent.GetConversationResponseAsync(started.Conversation.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)), HttpStatusCode.OK);

        Assert.Equal(byId.Conversation.Id, byNumber.Conversation.Id);
        Assert.Equal(visitor.EndUserId, byId.EndUser.Id);
        Assert.Equal([1L, 2L], byId.Messages.Select(m => m.Seq));
        Assert.True(byId.Messages[1].IsInternalNote);
        Assert.False(byId.HasEarlierMessages);
    }
}

public sealed class ConversationViewsTests_Sqlite(SqliteApp app) : ConversationViewsTests(app), IClassFixture<SqliteApp>;

public sealed class ConversationViewsTests_Postgres(PostgresApp app) : ConversationViewsTests(app), IClassFixture<PostgresApp>;
