using System.Net;
using Parley.Core.Accounts;
using Parley.Server.Tests.Api;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Widget;

namespace Parley.Server.Tests.Widget;

/// <summary>The end user sees and downloads the files of their own conversations' visible messages, and nothing else.</summary>
public abstract class MessengerAttachmentTests(ParleyApp app)
{
    private async Task<(AgentClient Agent, Visitor Visitor, Guid Id)> ConversationAsync()
    {
        var agent = await app.SignInNewAgentAsync();
        var visitor = await app.NewVisitorAsync();
        var id = (await visitor.StartConversationAsync()).Conversation.Id;
        return (agent, visitor, id);
    }

    [Fact]
    public async Task Visitor_sees_the_reply_files_in_the_history_and_downloads_them_with_safe_headers()
    {
        var (agent, visitor, id) = await ConversationAsync();
        var reply = await agent.ReplyWithFilesAsync(id, "Here you go", TestFile.Png("label.png"), TestFile.Text("steps.txt", "1. Print"));

        var shown = (await visitor.HistoryAsync(id)).Single(m => m.Id == reply.Id);
        var image = await visitor.DownloadAsync(id, shown.Attachments[0].Id);
        var text = await visitor.DownloadAsync(id, shown.Attachments[1].Id);

        Assert.Equal(["label.png", "steps.txt"], shown.Attachments.Select(a => a.FileName));
        await Expect.StatusAsync(image, HttpStatusCode.OK);
        Assert.Equal(TestFile.PngBytes, await image.Content.ReadAsByteArrayAsync());
        Assert.Equal("inline", image.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("1. Print", await text.Content.ReadAsStringAsync());
        Assert.Equal("attachment", text.Content.Headers.ContentDisposition?.DispositionType);
        AttachmentDownloadTests.AssertSafeHeaders(image);
        AttachmentDownloadTests.AssertSafeHeaders(text);
    }

    [Fact]
    public async Task Live_stream_carries_the_files_of_a_new_reply()
    {
        var (agent, visitor, id) = await ConversationAsync();
        await using var stream = await visitor.OpenStreamAsync(id);

        var reply = await agent.ReplyWithFilesAsync(id, null, TestFile.Png("live.png"));

        var message = (await stream.NextMatchingAsync(e => e.Type == "message")).As<MessengerMessage>();
        Assert.Equal(reply.Id, message.Id);
        Assert.Equal("live.png", message.Attachments.Single().FileName);
    }

    [Fact]
    public async Task Internal_note_file_is_404_for_the_end_user_and_the_note_is_not_in_the_history()
    {
        var (agent, visitor, id) = await ConversationAsync();
        var note = await agent.NoteWithFilesAsync(id, "Refund approved internally", TestFile.Text("refund.txt", "internal"));

        await Expect.ProblemAsync(await visitor.DownloadAsync(id, note.Attachments[0].Id), HttpStatusCode.NotFound, "attachment-not-found");
        Assert.DoesNotContain(await visitor.HistoryAsync(id), m => m.Id == note.Id);
    }

    [Fact]
    public async Task Another_visitor_gets_404_for_the_file_whatever_conversation_id_they_give()
    {
        var (agent, _, id) = await ConversationAsync();
        var file = (await agent.ReplyWithFilesAsync(id, "Only for you", TestFile.Png())).Attachments[0].Id;
        var other = await app.NewVisitorAsync();
        var otherId = (await other.StartConversationAsync()).Conversation.Id;

        await Expect.ProblemAsync(await other.DownloadAsync(id, file), HttpStatusCode.NotFound, "attachment-not-found");
        await Expect.ProblemAsync(await other.DownloadAsync(otherId, file), HttpStatusCode.NotFound, "attachment-not-found");
    }

    [Fact]
    public async Task File_asked_for_under_another_of_the_visitors_own_conversations_is_404()
    {
        var (agent, visitor, id) = await ConversationAsync();
        var file = (await agent.ReplyWithFilesAsync(id, "In the first", TestFile.Png())).Attachments[0].Id;
        var second = (await visitor.StartConversationAsync("Another question")).Conversation.Id;

        await Expect.ProblemAsync(await visitor.DownloadAsync(second, file), HttpStatusCode.NotFound, "attachment-not-found");
    }

    [Fact]
    public async Task Without_a_session_or_with_agent_credentials_the_messenger_download_is_401()
    {
        var (agent, visitor, id) = await ConversationAsync();
        var file = (await agent.ReplyWithFilesAsync(id, "Private", TestFile.Png())).Attachments[0].Id;
        var integration = await app.ApiTokenClientAsync(ApiScopes.Read);

        await Expect.ProblemAsync(await app.VisitorWithToken(null).DownloadAsync(id, file), HttpStatusCode.Unauthorized, "unauthorized");
        await Expect.ProblemAsync(await app.VisitorWithToken("ms_not-a-session").DownloadAsync(id, file), HttpStatusCode.Unauthorized, "unauthorized");
        await Expect.ProblemAsync(await new Visitor(agent.Client, "", Guid.Empty).DownloadAsync(id, file), HttpStatusCode.Unauthorized, "unauthorized");
        await Expect.ProblemAsync(await new Visitor(integration.Client, "", Guid.Empty).DownloadAsync(id, file), HttpStatusCode.Unauthorized, "unauthorized");
        await Expect.StatusAsync(await visitor.EndSessionAsync(), HttpStatusCode.NoContent);
        await Expect.ProblemAsync(await visitor.DownloadAsync(id, file), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Download_answers_cors_for_an_allowed_website_and_not_for_others()
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        await Expect.StatusAsync(await admin.PatchSettingsAsync(new { allowedOrigins = new[] { "https://shop.example.com" } }), HttpStatusCode.OK);
        var (agent, visitor, id) = await ConversationAsync();
        var file = (await agent.ReplyWithFilesAsync(id, "Cross-origin", TestFile.Png())).Attachments[0].Id;

        var allowed = await visitor.DownloadAsync(id, file, origin: "https://shop.example.com");
        var refused = await visitor.DownloadAsync(id, file, origin: "https://evil.example.net");

        Assert.Equal("https://shop.example.com", string.Join(",", allowed.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }
}

public sealed class MessengerAttachmentTests_Sqlite(SqliteApp app) : MessengerAttachmentTests(app), IClassFixture<SqliteApp>;

public sealed class MessengerAttachmentTests_Postgres(PostgresApp app) : MessengerAttachmentTests(app), IClassFixture<PostgresApp>;
