using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Parley.Core.Conversations;
using Parley.Core.Data;
using Parley.Core.Email;
using Parley.Core.Email.Inbound;
using Parley.Core.Email.Outbound;
using Parley.Core.EndUsers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Email.Inbound;

/// <summary>
/// The real-world-shaped emails of tests/Fixtures/Email through the HTTP endpoint: each client's reply in its
/// language and encoding lands as exactly the expected text; auto-replies and bounces never become messages.
/// </summary>
public abstract partial class InboundFixtureTests(ParleyApp app)
{
    /// <summary>
    /// The fixture's bytes with a Message-ID of its own: several fixtures answer the same sample email with the
    /// same id, and the pipeline rightly handles one Message-ID once. Only that header line changes.
    /// </summary>
    private static async Task<byte[]> ReadFixtureAsync(string kind, string name)
    {
        var raw = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(Path.Combine(Folder(kind), name + ".eml")));
        var headerEnd = raw.IndexOf("\n\n", StringComparison.Ordinal) is var lf and >= 0 ? lf : raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var id = $"Message-ID: <{name}-{Guid.NewGuid():N}@fixtures.test>";
        var headers = MessageIdHeader().IsMatch(raw[..headerEnd]) ? MessageIdHeader().Replace(raw[..headerEnd], id, 1) : id + "\r\n" + raw[..headerEnd];
        return Encoding.Latin1.GetBytes(headers + raw[headerEnd..]);
    }

    private static string Folder(string kind) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Email", kind);

    public static TheoryData<string> Replies() => Names("Replies");

    public static TheoryData<string> Automatic() => Names("Automatic");

    private static TheoryData<string> Names(string kind) =>
        [.. Directory.EnumerateFiles(Folder(kind), "*.eml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).Cast<string>()];

    /// <summary>
    /// A conversation of the fixture's sender that owns the fixture's reply token (taken from whichever
    /// conversation had it), under a support address of the fixture's domain.
    /// </summary>
    private async Task<Guid> ConversationForAsync(MimeMessage email)
    {
        var to = email.To.Mailboxes.Concat(email.Cc.Mailboxes).Select(m => m.Address.ToLowerInvariant()).FirstOrDefault(a => TokenAddress().IsMatch(a));
        var from = email.From.Mailboxes.First().Address;
        return await app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            string? token = null;
            if (to is not null)
            {
                var match = TokenAddress().Match(to);
                token = match.Groups["token"].Value;
                var support = $"{match.Groups["local"].Value}@{match.Groups["domain"].Value}";
                if (!await db.SupportAddresses.AnyAsync(a => a.Address == support))
                {
                    await sp.GetRequiredService<SupportAddresses>().CreateAsync(new SupportAddressInput(support, "Fixture Shop", OutboundRoute.DevelopmentMailbox,
                        null, 587, SmtpTlsMode.None, null, null, null, null, null, IsDefault: false), default);
                }
                await db.Conversations.Where(c => c.ReplyToken == token).ExecuteUpdateAsync(u => u.SetProperty(c => c.ReplyToken, (string?)null));
            }
            var now = app.Clock.GetUtcNow();
            var user = new EndUser { Id = Guid.CreateVersion7(now), Email = from, CreatedAt = now, LastSeenAt = now };
            db.EndUsers.Add(user);
            await db.SaveChangesAsync();
            var started = await sp.GetRequiredService<ConversationService>().StartAsync(user.Id, new EndUserMessageInput("Question", Guid.NewGuid().ToString()), default);
            await db.Conversations.Where(c => c.Id == started.Conversation.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.ReplyToken, token));
            return started.Conversation.Id;
        });
    }

    [Theory]
    [MemberData(nameof(Replies))]
    public async Task Each_clients_reply_is_posted_with_exactly_the_new_text(string name)
    {
        var raw = await ReadFixtureAsync("Replies", name);
        var expected = (await File.ReadAllTextAsync(Path.Combine(Folder("Replies"), name + ".expected.txt"), Encoding.UTF8)).ReplaceLineEndings("\n").Trim();
        using var parsed = MimeMessage.Load(new MemoryStream(raw));
        var conversationId = await ConversationForAsync(parsed);

        var result = await Expect.JsonAsync<IngestResult>(await app.PostEmailAsync(raw), System.Net.HttpStatusCode.Created);

        Assert.Equal((InboundEmailStatus.Posted, conversationId), (result.Status, result.ConversationId));
        var message = await app.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Messages.AsNoTracking().SingleAsync(m => m.Id == result.MessageId));
        Assert.Equal(expected, message.Text.ReplaceLineEndings("\n"));
        Assert.Equal(MessageChannel.Email, message.Channel);
    }

    [Theory]
    [InlineData("outlook-web-fr-html-only")]
    [InlineData("apple-mail-ja")]
    [InlineData("gmail-en-attachment")]
    public async Task Piped_to_the_mail_ingest_command_a_clients_reply_is_posted_with_exactly_the_new_text(string name)
    {
        var raw = await ReadFixtureAsync("Replies", name);
        var expected = (await File.ReadAllTextAsync(Path.Combine(Folder("Replies"), name + ".expected.txt"), Encoding.UTF8)).ReplaceLineEndings("\n").Trim();
        using var parsed = MimeMessage.Load(new MemoryStream(raw));
        var conversationId = await ConversationForAsync(parsed);

        var (exit, output, errors) = await MailCommandProcess.RunAsync(app, raw, "mail", "ingest");

        Assert.True(exit == 0, errors);
        var result = JsonSerializer.Deserialize<IngestResult>(output, ParleyApp.Json)!;
        Assert.Equal((InboundEmailStatus.Posted, conversationId), (result.Status, result.ConversationId));
        var message = await app.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Messages.AsNoTracking().SingleAsync(m => m.Id == result.MessageId));
        Assert.Equal(expected, message.Text.ReplaceLineEndings("\n"));
    }

    [Theory]
    [MemberData(nameof(Automatic))]
    public async Task Auto_replies_and_bounces_are_kept_and_never_posted(string name)
    {
        var raw = await ReadFixtureAsync("Automatic", name);
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Folder("Automatic"), name + ".expected.json")));
        using var parsed = MimeMessage.Load(new MemoryStream(raw));
        await ConversationForAsync(parsed);

        var result = await Expect.JsonAsync<IngestResult>(await app.PostEmailAsync(raw), System.Net.HttpStatusCode.Created);

        var bounce = expected.RootElement.GetProperty("bounce").ValueKind != JsonValueKind.Null;
        var automatic = expected.RootElement.GetProperty("automatic").ValueKind != JsonValueKind.Null;
        if (bounce)
        {
            Assert.Equal(InboundEmailStatus.Bounce, result.Status);
        }
        else if (automatic)
        {
            Assert.Equal(InboundEmailStatus.Automatic, result.Status);
        }
        else
        {
            Assert.Contains(result.Status, new[] { InboundEmailStatus.Posted, InboundEmailStatus.Held, InboundEmailStatus.Unrouted });
        }
        Assert.Equal(bounce || automatic, result.MessageId is null);
    }

    [GeneratedRegex("^Message-ID:[^\r\n]*(\r?\n[ \t][^\r\n]*)*", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex MessageIdHeader();

    [GeneratedRegex("^(?<local>[a-z0-9._-]+)\\+(?<token>[a-z2-7]{26})@(?<domain>[a-z0-9.-]+)$")]
    private static partial Regex TokenAddress();
}

public sealed class InboundFixtureTests_Sqlite(SqliteApp app) : InboundFixtureTests(app), IClassFixture<SqliteApp>;

public sealed class InboundFixtureTests_Postgres(PostgresApp app) : InboundFixtureTests(app), IClassFixture<PostgresApp>;
