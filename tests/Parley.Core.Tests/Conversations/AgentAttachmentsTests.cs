using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Core.Conversations;
using Parley.Core.Events;

namespace Parley.Core.Tests.Conversations;

/// <summary>Agents' files are stored with their message, in its transaction, once.</summary>
public sealed class AgentAttachmentsTests : IAsyncLifetime
{
    private TestDatabase _t = null!;
    private ConversationService _service = null!;
    private AgentActor _agent = null!;
    private Guid _conversation;

    public async Task InitializeAsync()
    {
        _t = await TestDatabase.CreateAsync();
        _service = _t.Conversations();
        _agent = await _t.AddAgentAsync();
        var endUser = await _t.AddEndUserAsync();
        _conversation = (await _service.StartAsync(endUser, new EndUserMessageInput("Where is my parcel?", null), CancellationToken.None)).Conversation.Id;
        _t.Db.ChangeTracker.Clear();
        _t.Events.Clear();
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private Task<PostedMessage> PostAsync(AgentMessageInput input, ConversationService? service = null) =>
        (service ?? _service).PostFromAgentAsync(_agent, _conversation, input, CancellationToken.None);

    private static AttachmentInput[] Files(params (string Name, byte[] Content)[] files) => [.. files.Select(f => new AttachmentInput(f.Name, f.Content))];

    private async Task<(int Messages, int Attachments, int Contents)> CountsAsync()
    {
        await using var db = _t.NewContext();
        return (await db.Messages.CountAsync(m => m.ConversationId == _conversation), await db.Attachments.CountAsync(), await db.AttachmentContents.CountAsync());
    }

    [Fact]
    public async Task Reply_with_files_stores_each_file_in_order_with_its_bytes_and_server_decided_type()
    {
        var posted = await PostAsync(new AgentMessageInput("The label and the receipt", "r-1",
            Attachments: Files(("label.png", TestFiles.Png), ("C:\\docs\\receipt.txt", TestFiles.Text("Paid")), ("fake.png", TestFiles.Html))));

        Assert.Equal(["label.png", "receipt.txt", "fake.png"], posted.Message.Attachments.Select(a => a.FileName));
        Assert.Equal(["image/png", "text/plain", AttachmentTypes.OctetStream], posted.Message.Attachments.Select(a => a.ContentType));
        Assert.Equal([true, false, false], posted.Message.Attachments.Select(a => a.Inline));
        Assert.Equal(TestFiles.Png.Length, posted.Message.Attachments[0].SizeBytes);

        var queries = new AttachmentQueries(_t.NewContext());
        Assert.Equal(TestFiles.Png, await queries.ReadAsync(posted.Message.Attachments[0].Id, CancellationToken.None));
        Assert.Equal(TestFiles.Text("Paid"), await queries.ReadAsync(posted.Message.Attachments[1].Id, CancellationToken.None));
        var created = Assert.IsType<MessageCreated>(_t.Events.Published.Single());
        Assert.Equal(3, created.Message.Attachments.Count);
        Assert.False(_t.Events.PublishedBeforeCommit);
    }

    [Fact]
    public async Task Read_back_messages_list_their_attachments_in_the_order_they_were_sent()
    {
        var names = Enumerable.Range(1, 8).Select(i => $"file-{i}.txt").ToArray();
        await PostAsync(new AgentMessageInput("Eight files", null, Attachments: Files([.. names.Select(n => (n, TestFiles.Text(n)))])));

        var messages = await new ConversationQueries(_t.NewContext(), Options.Create(new LimitsOptions()))
            .MessagesForAgentAsync(_conversation, 0, null, CancellationToken.None);

        Assert.Equal(names, messages[^1].Attachments.Select(a => a.FileName));
    }

    [Fact]
    public async Task Message_with_files_and_no_text_is_stored_with_empty_text()
    {
        var posted = await PostAsync(new AgentMessageInput("   ", null, Attachments: Files(("invoice.pdf", TestFiles.Text("%PDF-1.7")))));

        Assert.Equal("", posted.Message.Text);
        Assert.Single(posted.Message.Attachments);
    }

    [Fact]
    public async Task Message_with_neither_text_nor_files_is_refused()
    {
        var problem = await Assert.ThrowsAsync<ParleyProblem>(() => PostAsync(new AgentMessageInput(null, null, Attachments: [])));

        Assert.True(problem.Errors?.ContainsKey("text"));
        Assert.Equal((1, 0, 0), await CountsAsync());
    }

    [Fact]
    public async Task Text_rules_still_hold_for_a_message_with_files()
    {
        var problem = await Assert.ThrowsAsync<ParleyProblem>(() =>
            PostAsync(new AgentMessageInput(new string('x', 10_001), null, Attachments: Files(("a.txt", TestFiles.Text("a"))))));

        Assert.True(problem.Errors?.ContainsKey("text"));
        Assert.Equal((1, 0, 0), await CountsAsync());
    }

    [Fact]
    public async Task Retry_with_the_same_client_id_returns_the_first_message_and_stores_no_file_twice()
    {
        var input = new AgentMessageInput("Here it is", "r-retry", Attachments: Files(("label.png", TestFiles.Png)));
        var first = await PostAsync(input);
        _t.Db.ChangeTracker.Clear();

        var retry = await PostAsync(input with { Attachments = Files(("label.png", TestFiles.Png), ("extra.txt", TestFiles.Text("x"))) });

        Assert.False(retry.Created);
        Assert.Equal(first.Message.Id, retry.Message.Id);
        Assert.Equal(first.Message.Attachments.Select(a => a.Id), retry.Message.Attachments.Select(a => a.Id));
        Assert.Equal((2, 1, 1), await CountsAsync());
    }

    [Fact]
    public async Task Refused_file_stores_neither_the_message_nor_any_of_its_files()
    {
        var limits = new LimitsOptions { MaxAttachmentBytes = 10, MaxAttachmentBytesPerMessage = 10 };
        var strict = _t.Conversations(limits);

        var problem = await Assert.ThrowsAsync<ParleyProblem>(() => PostAsync(
            new AgentMessageInput("Two files", "r-big", Attachments: Files(("small.txt", TestFiles.Text("ok")), ("big.txt", TestFiles.OfSize(11)))), strict));

        Assert.Equal("attachment-too-large", problem.Code);
        Assert.Equal((1, 0, 0), await CountsAsync());
        Assert.Empty(_t.Events.Published);
    }

    [Fact]
    public async Task Files_of_a_reply_into_a_closed_conversation_are_not_stored()
    {
        await _t.SetStatusAsync(_conversation, ConversationStatus.Closed);

        await Assert.ThrowsAsync<ParleyProblem>(() => PostAsync(new AgentMessageInput("Too late", null, Attachments: Files(("a.txt", TestFiles.Text("a"))))));

        Assert.Equal((1, 0, 0), await CountsAsync());
    }

    [Fact]
    public async Task Internal_note_attachments_are_found_for_agents_and_never_for_the_end_user()
    {
        var note = await PostAsync(new AgentMessageInput("For the team", null, IsInternalNote: true, Attachments: Files(("refund.txt", TestFiles.Text("ok")))));
        var reply = await PostAsync(new AgentMessageInput("For you", null, Attachments: Files(("guide.txt", TestFiles.Text("hi")))));
        var endUser = (await _t.ReadConversationAsync(_conversation)).EndUserId;
        var queries = new AttachmentQueries(_t.NewContext());
        var noteFile = note.Message.Attachments[0].Id;
        var replyFile = reply.Message.Attachments[0].Id;

        Assert.Equal("refund.txt", (await queries.FindForAgentAsync(noteFile, CancellationToken.None)).FileName);
        Assert.Equal("guide.txt", (await queries.FindForEndUserAsync(endUser, _conversation, replyFile, CancellationToken.None)).FileName);
        await AssertNotFoundAsync(() => queries.FindForEndUserAsync(endUser, _conversation, noteFile, CancellationToken.None));
        await AssertNotFoundAsync(() => queries.FindForEndUserAsync(Guid.NewGuid(), _conversation, replyFile, CancellationToken.None));
        await AssertNotFoundAsync(() => queries.FindForEndUserAsync(endUser, Guid.NewGuid(), replyFile, CancellationToken.None));
        await AssertNotFoundAsync(() => queries.FindForAgentAsync(Guid.NewGuid(), CancellationToken.None));
    }

    private static async Task AssertNotFoundAsync(Func<Task> action)
    {
        var problem = await Assert.ThrowsAsync<ParleyProblem>(action);
        Assert.Equal("attachment-not-found", problem.Code);
    }
}
