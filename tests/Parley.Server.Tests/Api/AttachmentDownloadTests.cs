using System.Net;
using Parley.Core.Accounts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Api;

/// <summary>Agents and integrations download files (internal notes' too) with headers that keep the bytes from acting as a page.</summary>
public abstract class AttachmentDownloadTests(ParleyApp app)
{
    private async Task<(AgentClient Agent, Guid ConversationId)> ConversationAsync()
    {
        var agent = await app.SignInNewAgentAsync();
        var id = (await (await app.NewVisitorAsync()).StartConversationAsync()).Conversation.Id;
        return (agent, id);
    }

    public static void AssertSafeHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("sandbox; default-src 'none'", string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("same-origin", string.Join(",", response.Headers.GetValues("Cross-Origin-Resource-Policy")));
        Assert.True(response.Headers.CacheControl?.Private, "attachments are never for shared caches");
        Assert.True(response.Headers.CacheControl?.NoCache, "a cached copy is revalidated, which rechecks access");
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task Document_downloads_as_an_attachment_with_its_bytes_and_type()
    {
        var (agent, id) = await ConversationAsync();
        var reply = await agent.ReplyWithFilesAsync(id, "Invoice", TestFile.Text("invoice.pdf", "%PDF-1.7 pretend"));

        var response = await agent.DownloadAsync(reply.Attachments[0].Id);

        await Expect.StatusAsync(response, HttpStatusCode.OK);
        Assert.Equal("%PDF-1.7 pretend", await response.Content.ReadAsStringAsync());
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("invoice.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
        AssertSafeHeaders(response);
    }

    [Fact]
    public async Task Real_image_is_served_inline_and_anything_else_as_a_download()
    {
        var (agent, id) = await ConversationAsync();
        var reply = await agent.ReplyWithFilesAsync(id, "Pictures",
            TestFile.Png("photo.png"), new TestFile("evil.png", "<svg onload=alert(1)>"u8.ToArray(), "image/png"),
            TestFile.Text("page.html", "<script>alert(document.cookie)</script>"), TestFile.Text("drawing.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>"));

        var responses = await Task.WhenAll(reply.Attachments.Select(a => agent.DownloadAsync(a.Id)));

        Assert.Equal(["inline", "attachment", "attachment", "attachment"], responses.Select(r => r.Content.Headers.ContentDisposition?.DispositionType));
        Assert.Equal(["image/png", "application/octet-stream", "text/html", "image/svg+xml"], responses.Select(r => r.Content.Headers.ContentType?.MediaType));
        Assert.All(responses, AssertSafeHeaders);
    }

    [Fact]
    public async Task Non_ascii_name_is_offered_as_rfc_6266_filename_star_with_an_ascii_fallback()
    {
        var (agent, id) = await ConversationAsync();
        var reply = await agent.ReplyWithFilesAsync(id, "Korean minutes", TestFile.Text("회의록 final?.txt", "내용"));

        var response = await agent.DownloadAsync(reply.Attachments[0].Id);

        Assert.Equal("회의록 final_.txt", reply.Attachments[0].FileName);
        var header = string.Join(",", response.Content.Headers.GetValues("Content-Disposition"));
        Assert.Contains("filename*=UTF-8''%ED%9A%8C%EC%9D%98%EB%A1%9D", header, StringComparison.Ordinal);
        Assert.Matches("filename=\"?[ -~]+\"?;", header + ";");
        Assert.Equal("회의록 final_.txt", response.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Fact]
    public async Task Unchanged_copy_is_revalidated_with_304_and_no_bytes()
    {
        var (agent, id) = await ConversationAsync();
        var file = (await agent.ReplyWithFilesAsync(id, "Cached", TestFile.Png())).Attachments[0].Id;
        var etag = (await agent.DownloadAsync(file)).Headers.ETag!.ToString();

        var revalidated = await agent.DownloadAsync(file, ifNoneMatch: etag);
        var other = await agent.DownloadAsync(file, ifNoneMatch: "\"something-else\"");

        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(TestFile.PngBytes, await other.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Internal_note_files_download_for_agents()
    {
        var (agent, id) = await ConversationAsync();
        var colleague = await app.SignInNewAgentAsync();
        var note = await agent.NoteWithFilesAsync(id, "For the team", TestFile.Text("refund.txt", "approved"));

        var response = await colleague.DownloadAsync(note.Attachments[0].Id);

        await Expect.StatusAsync(response, HttpStatusCode.OK);
        Assert.Equal("approved", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Read_only_token_downloads_and_stops_when_revoked()
    {
        var (agent, id) = await ConversationAsync();
        var file = (await agent.ReplyWithFilesAsync(id, "For the CRM", TestFile.Png())).Attachments[0].Id;
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        var created = await admin.CreateApiTokenAsync("CRM export", ["read"]);
        var reader = app.TokenClient(created.Secret, admin.Id, admin.Email);

        Assert.Equal(TestFile.PngBytes, await (await reader.DownloadAsync(file)).Content.ReadAsByteArrayAsync());
        await admin.RevokeApiTokenAsync(created.Token.Id);
        await Expect.ProblemAsync(await reader.DownloadAsync(file), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Without_credentials_or_with_a_messenger_session_a_download_is_401()
    {
        var (agent, id) = await ConversationAsync();
        var file = (await agent.ReplyWithFilesAsync(id, "Private", TestFile.Png())).Attachments[0].Id;
        var visitor = await app.NewVisitorAsync();

        await Expect.ProblemAsync(await app.AnonymousAgent().DownloadAsync(file), HttpStatusCode.Unauthorized, "unauthorized");
        await Expect.ProblemAsync(await new AgentClient(visitor.Client, Guid.Empty, "").DownloadAsync(file), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Unknown_attachment_is_a_404_problem()
    {
        var agent = await app.SignInNewAgentAsync();

        await Expect.ProblemAsync(await agent.DownloadAsync(Guid.CreateVersion7()), HttpStatusCode.NotFound, "attachment-not-found");
        await Expect.ProblemAsync(await agent.Client.GetAsync("/api/v1/attachments/not-a-guid"), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Conversation_json_lists_attachments_without_their_bytes()
    {
        var (agent, id) = await ConversationAsync();
        await agent.ReplyWithFilesAsync(id, "Listed", TestFile.OfSize("big.bin", 200_000));

        var response = await agent.GetConversationResponseAsync(id.ToString());

        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length < 10_000, "the message list must not carry file contents");
    }
}

public sealed class AttachmentDownloadTests_Sqlite(SqliteApp app) : AttachmentDownloadTests(app), IClassFixture<SqliteApp>;

public sealed class AttachmentDownloadTests_Postgres(PostgresApp app) : AttachmentDownloadTests(app), IClassFixture<PostgresApp>;
