using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Core.Accounts;
using Parley.Core.Conversations;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Api;

/// <summary>Agents send files with replies and notes as multipart/form-data: stored with the message, once, or not at all.</summary>
public abstract class AttachmentUploadTests(ParleyApp app)
{
    private const int MB = 1024 * 1024;

    private async Task<(AgentClient Agent, Visitor Visitor, Guid Id)> ConversationAsync()
    {
        var agent = await app.SignInNewAgentAsync();
        var visitor = await app.NewVisitorAsync();
        var id = (await visitor.StartConversationAsync()).Conversation.Id;
        return (agent, visitor, id);
    }

    /// <summary>Runs a request that must be refused and proves it stored nothing: no message, no file row, no bytes.</summary>
    private async Task<JsonElement> RefusedAsync(Guid id, Func<Task<HttpResponseMessage>> send, HttpStatusCode status, string code)
    {
        var before = (await app.StoredConversationAsync(id), await app.StoredAttachmentCountsAsync());
        var problem = await Expect.ProblemAsync(await send(), status, code);
        Assert.Equal(before, (await app.StoredConversationAsync(id), await app.StoredAttachmentCountsAsync()));
        return problem;
    }

    [Fact]
    public async Task Reply_with_files_is_stored_and_shown_with_server_decided_names_and_types()
    {
        var (agent, visitor, id) = await ConversationAsync();
        var before = await app.StoredAttachmentCountsAsync();

        var reply = await agent.ReplyWithFilesAsync(id, "Your label and invoice",
            TestFile.Png("label.png"), new TestFile("C:\\fakepath\\invoice.txt", "Total: 12 EUR"u8.ToArray(), ClaimedType: "image/png"),
            new TestFile("trick.png", "<script>alert(1)</script>"u8.ToArray(), ClaimedType: "image/png"));

        Assert.Equal("Your label and invoice", reply.Text);
        Assert.Equal(["label.png", "invoice.txt", "trick.png"], reply.Attachments.Select(a => a.FileName));
        // The client's claimed types are ignored: the extension and the bytes decide.
        Assert.Equal(["image/png", "text/plain", "application/octet-stream"], reply.Attachments.Select(a => a.ContentType));
        Assert.Equal([TestFile.PngBytes.Length, 13L, 25L], reply.Attachments.Select(a => a.SizeBytes));
        var shown = (await visitor.HistoryAsync(id)).Single(m => m.Id == reply.Id);
        Assert.Equal(reply.Attachments.Select(a => a.Id), shown.Attachments.Select(a => a.Id));
        Assert.Equal((before.Attachments + 3, before.Contents + 3), await app.StoredAttachmentCountsAsync());
        Assert.Equal(TestFile.PngBytes, await (await agent.DownloadAsync(reply.Attachments[0].Id)).Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Inline_flag_in_json_marks_only_real_images()
    {
        var (agent, _, id) = await ConversationAsync();

        var response = await agent.PostWithFilesAsync(id, "replies", "Two files", [TestFile.Png("ok.png"), TestFile.Text("fake.png", "nope")], Visitor.NewClientId());

        var json = await Expect.JsonAsync<JsonElement>(response, HttpStatusCode.Created);
        var inline = json.GetProperty("attachments").EnumerateArray().Select(a => a.GetProperty("inline").GetBoolean());
        Assert.Equal([true, false], inline);
    }

    [Fact]
    public async Task Note_with_files_is_an_internal_note_and_the_reply_may_skip_do_not_email()
    {
        var (agent, _, id) = await ConversationAsync();

        var note = await agent.NoteWithFilesAsync(id, "Refund receipt for the team", TestFile.Text("receipt.txt", "Refunded"));
        var reply = await Expect.JsonAsync<MessageView>(await agent.PostWithFilesAsync(
            id, "replies", "Do not email this", [TestFile.Text("a.txt", "a")], Visitor.NewClientId(), doNotEmail: "true"), HttpStatusCode.Created);

        Assert.True(note.IsInternalNote);
        Assert.Single(note.Attachments);
        Assert.True(reply.DoNotEmail);
    }

    [Fact]
    public async Task Files_without_text_make_a_message_of_their_own()
    {
        var (agent, visitor, id) = await ConversationAsync();

        var reply = await agent.ReplyWithFilesAsync(id, null, TestFile.Png("screenshot.png"));

        Assert.Equal("", reply.Text);
        Assert.Equal("", (await visitor.HistoryAsync(id)).Single(m => m.Id == reply.Id).Text);
    }

    [Fact]
    public async Task Retried_upload_with_the_same_client_id_returns_200_with_the_first_message_and_stores_nothing_new()
    {
        var (agent, _, id) = await ConversationAsync();
        var clientId = Visitor.NewClientId();
        TestFile[] files = [TestFile.Png("label.png"), TestFile.Text("note.txt", "hello")];

        var first = await Expect.JsonAsync<MessageView>(await agent.PostWithFilesAsync(id, "replies", "Here", files, clientId), HttpStatusCode.Created);
        var stored = (await app.StoredConversationAsync(id), await app.StoredAttachmentCountsAsync());
        var retry = await Expect.JsonAsync<MessageView>(await agent.PostWithFilesAsync(id, "replies", "Here", files, clientId), HttpStatusCode.OK);

        Assert.Equal(first.Id, retry.Id);
        Assert.Equal(first.Attachments.Select(a => a.Id), retry.Attachments.Select(a => a.Id));
        Assert.Equal(stored, (await app.StoredConversationAsync(id), await app.StoredAttachmentCountsAsync()));
    }

    [Fact]
    public async Task Concurrent_uploads_with_the_same_client_id_store_one_message_with_its_files_once()
    {
        var (agent, _, id) = await ConversationAsync();
        var clientId = Visitor.NewClientId();
        var before = await app.StoredAttachmentCountsAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            agent.PostWithFilesAsync(id, "replies", "Flaky network", [TestFile.Png(), TestFile.Text("b.txt", "b")], clientId)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal([1L, 2L], (await app.StoredConversationAsync(id)).MessageSeqs);
        Assert.Equal((before.Attachments + 2, before.Contents + 2), await app.StoredAttachmentCountsAsync());
    }

    [Fact]
    public async Task Json_replies_and_notes_work_as_before()
    {
        var (agent, _, id) = await ConversationAsync();

        Assert.Empty((await agent.ReplyAsync(id, "Plain JSON reply")).Attachments);
        Assert.Empty((await agent.NoteAsync(id, "Plain JSON note")).Attachments);
    }

    [Fact]
    public async Task Other_body_types_are_415_and_change_nothing()
    {
        var (agent, _, id) = await ConversationAsync();

        await RefusedAsync(id, () => agent.SendBodyAsync(HttpMethod.Post, id, "replies", RawBody.Of("text=hi", "application/x-www-form-urlencoded")),
            HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        await RefusedAsync(id, () => agent.SendBodyAsync(HttpMethod.Post, id, "notes", RawBody.Of("hi", "text/plain")),
            HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task Post_without_a_content_type_is_answered_by_the_json_endpoint_and_changes_nothing()
    {
        var (agent, _, id) = await ConversationAsync();

        // The JSON endpoint's own answer to a missing body, as before files existed.
        await RefusedAsync(id, () => agent.Client.PostAsync($"/api/v1/conversations/{id}/replies", null),
            HttpStatusCode.BadRequest, "malformed-request");
    }

    [Fact]
    public async Task File_over_the_10_MB_limit_is_refused_by_name_and_nothing_is_stored()
    {
        var (agent, _, id) = await ConversationAsync();

        var problem = await RefusedAsync(id, () => agent.PostWithFilesAsync(id, "replies", "Big one",
            [TestFile.Text("small.txt", "fine"), TestFile.OfSize("huge.bin", 10 * MB + 1)], Visitor.NewClientId()),
            HttpStatusCode.BadRequest, "attachment-too-large");

        Assert.Contains("huge.bin", problem.GetProperty("errors").GetProperty("files")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eleven_files_are_refused_and_nothing_is_stored()
    {
        var (agent, _, id) = await ConversationAsync();

        await RefusedAsync(id, () => agent.PostWithFilesAsync(id, "notes", "Many",
            [.. Enumerable.Range(1, 11).Select(i => TestFile.Text($"{i}.txt", "x"))], Visitor.NewClientId()),
            HttpStatusCode.BadRequest, "too-many-attachments");
    }

    [Fact]
    public async Task Files_over_25_MB_together_are_refused_and_nothing_is_stored()
    {
        var (agent, _, id) = await ConversationAsync();

        await RefusedAsync(id, () => agent.PostWithFilesAsync(id, "replies", null,
            [TestFile.OfSize("a.bin", 10 * MB), TestFile.OfSize("b.bin", 10 * MB), TestFile.OfSize("c.bin", 5 * MB + 1)], Visitor.NewClientId()),
            HttpStatusCode.BadRequest, "attachments-too-large");
    }

    [Fact]
    public async Task Upload_body_over_the_endpoint_limit_is_a_413_and_nothing_is_stored()
    {
        var (agent, _, id) = await ConversationAsync();

        // Expect: 100-continue lets the server refuse on Content-Length before the body is sent.
        await RefusedAsync(id, () => agent.PostWithFilesAsync(id, "replies", "Too much",
            [TestFile.OfSize("a.bin", 9 * MB), TestFile.OfSize("b.bin", 9 * MB), TestFile.OfSize("c.bin", 9 * MB)], Visitor.NewClientId(),
            adjust: r => r.Headers.ExpectContinue = true),
            HttpStatusCode.RequestEntityTooLarge, "too-large");
    }

    [Fact]
    public async Task Empty_file_is_refused_and_nothing_is_stored()
    {
        var (agent, _, id) = await ConversationAsync();

        await RefusedAsync(id, () => agent.PostWithFilesAsync(id, "replies", "Empty", [TestFile.OfSize("empty.txt", 0)], Visitor.NewClientId()),
            HttpStatusCode.BadRequest, "attachment-empty");
    }

    [Theory]
    [InlineData("clientId", "bad id!", null)]
    [InlineData("doNotEmail", null, "sometimes")]
    public async Task Bad_form_fields_are_validation_problems_and_nothing_is_stored(string field, string? clientId, string? doNotEmail)
    {
        var (agent, _, id) = await ConversationAsync();

        var problem = await RefusedAsync(id, () => agent.PostWithFilesAsync(id, "replies", "Hi", [TestFile.Png()], clientId ?? Visitor.NewClientId(), doNotEmail),
            HttpStatusCode.BadRequest, "validation");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Form_without_text_or_files_is_a_validation_problem()
    {
        var (agent, _, id) = await ConversationAsync();

        var problem = await RefusedAsync(id, () => agent.PostWithFilesAsync(id, "replies", "  ", [], Visitor.NewClientId()), HttpStatusCode.BadRequest, "validation");

        Assert.True(problem.GetProperty("errors").TryGetProperty("text", out _));
    }

    [Fact]
    public async Task Files_in_another_field_or_unknown_fields_are_refused()
    {
        var (agent, _, id) = await ConversationAsync();

        var strayFile = new MultipartFormDataContent { { new StringContent("Hi"), "text" }, { new ByteArrayContent(TestFile.PngBytes), "upload", "a.png" } };
        await RefusedAsync(id, () => agent.SendBodyAsync(HttpMethod.Post, id, "replies", strayFile), HttpStatusCode.BadRequest, "validation");
        var unknownField = new MultipartFormDataContent { { new StringContent("Hi"), "text" }, { new StringContent("x"), "authorId" } };
        await RefusedAsync(id, () => agent.SendBodyAsync(HttpMethod.Post, id, "replies", unknownField), HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task Upload_into_a_closed_conversation_is_a_conflict_and_stores_no_file()
    {
        var (agent, visitor, id) = await ConversationAsync();
        await agent.ChangeStatusAsync(id, ConversationStatus.Solved);
        app.Clock.Advance(TimeSpan.FromDays(5));
        await app.CloseDueConversationsAsync();
        var late = await app.SignInNewAgentAsync(); // the first agent's cookie expired in those days

        await RefusedAsync(id, () => late.PostWithFilesAsync(id, "replies", "Late", [TestFile.Png()], Visitor.NewClientId()),
            HttpStatusCode.Conflict, "conversation-closed");
    }

    [Fact]
    public async Task Read_only_token_cannot_upload()
    {
        var reader = await app.ApiTokenClientAsync(ApiScopes.Read);
        var id = (await (await app.NewVisitorAsync()).StartConversationAsync()).Conversation.Id;

        await RefusedAsync(id, () => reader.PostWithFilesAsync(id, "replies", "Bot", [TestFile.Png()], Visitor.NewClientId()), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Write_token_uploads_as_its_owner()
    {
        var writer = await app.ApiTokenClientAsync(ApiScopes.Read | ApiScopes.Write);
        var id = (await (await app.NewVisitorAsync()).StartConversationAsync()).Conversation.Id;

        var reply = await writer.ReplyWithFilesAsync(id, "From the CRM", TestFile.Text("order.csv", "id,total\n1,12"));

        Assert.Equal(writer.Id, reply.Author!.Id);
        Assert.Equal("text/csv", reply.Attachments.Single().ContentType);
    }

    [Theory]
    [InlineData("cross-site", null)]
    [InlineData("same-site", null)]
    [InlineData(null, "https://shop.example.com")]
    public async Task Cookie_form_from_another_origin_is_refused_and_changes_nothing(string? fetchSite, string? origin)
    {
        var (agent, _, id) = await ConversationAsync();

        await RefusedAsync(id, () => agent.PostWithFilesAsync(id, "replies", "Forged", [TestFile.Png()], Visitor.NewClientId(), adjust: r =>
        {
            if (fetchSite is not null) { r.Headers.Add("Sec-Fetch-Site", fetchSite); }
            if (origin is not null) { r.Headers.Add("Origin", origin); }
        }), HttpStatusCode.Forbidden, "cross-origin-form");
    }

    [Fact]
    public async Task Cookie_form_from_parleys_own_origin_is_accepted()
    {
        var (agent, _, id) = await ConversationAsync();
        var own = agent.Client.BaseAddress!.GetLeftPart(UriPartial.Authority);

        await Expect.StatusAsync(await agent.PostWithFilesAsync(id, "replies", "Same origin", [TestFile.Png()], Visitor.NewClientId(),
            adjust: r => { r.Headers.Add("Sec-Fetch-Site", "same-origin"); r.Headers.Add("Origin", own); }), HttpStatusCode.Created);
        await Expect.StatusAsync(await agent.PostWithFilesAsync(id, "replies", "Origin only", [TestFile.Png()], Visitor.NewClientId(),
            adjust: r => r.Headers.Add("Origin", own)), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Token_form_is_accepted_whatever_the_origin_headers_say()
    {
        var writer = await app.ApiTokenClientAsync(ApiScopes.Read | ApiScopes.Write);
        var id = (await (await app.NewVisitorAsync()).StartConversationAsync()).Conversation.Id;

        await Expect.StatusAsync(await writer.PostWithFilesAsync(id, "replies", "Bot", [TestFile.Png()], Visitor.NewClientId(),
            adjust: r => r.Headers.Add("Sec-Fetch-Site", "cross-site")), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Openapi_document_describes_the_multipart_form()
    {
        var document = await (await app.Anonymous().GetAsync("/openapi/v1.json")).Content.ReadFromJsonAsync<JsonElement>();

        var content = document.GetProperty("paths").GetProperty("/api/v1/conversations/{conversation}/replies").GetProperty("post")
            .GetProperty("requestBody").GetProperty("content");
        Assert.True(content.TryGetProperty("application/json", out _), content.ToString());
        Assert.True(content.TryGetProperty("multipart/form-data", out _), content.ToString());
    }
}

public sealed class AttachmentUploadTests_Sqlite(SqliteApp app) : AttachmentUploadTests(app), IClassFixture<SqliteApp>;

public sealed class AttachmentUploadTests_Postgres(PostgresApp app) : AttachmentUploadTests(app), IClassFixture<PostgresApp>;
