using MimeKit;
using Parley.Core.Email.Outbound;

namespace Parley.Core.Tests.Email;

public sealed class ContinuationMimeTests
{
    private static readonly DateTimeOffset Sent = new(2025, 3, 14, 14, 10, 0, TimeSpan.Zero);

    internal static EmailEnvelope Envelope(params string[] earlier) => new(
        new MailboxAddress("Acme Support (Alex)", "support@acme.example"),
        new MailboxAddress("Jörg Müller", "jorg@customer.example"),
        new MailboxAddress("Acme Support", "support+t0k3n@acme.example"),
        "email-3@acme.example",
        "conversation-42@acme.example",
        earlier,
        EmailModels.UnsubscribeUrl,
        Sent);

    internal static async Task<RenderedEmail> EmailAsync(string language = "en") =>
        await EmailModels.RenderAsync(EmailModels.With(language: language, replies: 2));

    [Fact]
    public async Task The_message_carries_the_envelope_and_the_subject()
    {
        var message = ContinuationMime.Build(await EmailAsync(), Envelope());

        Assert.Equal("\"Acme Support (Alex)\" <support@acme.example>", message.From.ToString());
        Assert.Equal("support@acme.example", message.From.Mailboxes.Single().Address);
        Assert.Equal("jorg@customer.example", message.To.Mailboxes.Single().Address);
        Assert.Equal("support+t0k3n@acme.example", message.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal("Your conversation with Acme (#42)", message.Subject);
        Assert.Equal(Sent, message.Date);
        Assert.Equal("email-3@acme.example", message.MessageId);
        Assert.Equal("en", message.Headers[HeaderId.ContentLanguage]);
    }

    [Fact]
    public async Task The_first_email_of_a_conversation_answers_the_thread_root()
    {
        var message = ContinuationMime.Build(await EmailAsync(), Envelope());

        Assert.Equal("conversation-42@acme.example", message.InReplyTo);
        Assert.Equal(["conversation-42@acme.example"], message.References);
    }

    [Fact]
    public async Task A_later_email_answers_the_last_one_and_references_the_root_then_the_earlier_ones_in_order()
    {
        var message = ContinuationMime.Build(await EmailAsync(), Envelope("email-1@acme.example", "<email-2@acme.example>"));

        Assert.Equal("email-2@acme.example", message.InReplyTo);
        Assert.Equal(["conversation-42@acme.example", "email-1@acme.example", "email-2@acme.example"], message.References);
    }

    [Fact]
    public async Task References_keep_the_root_and_only_the_most_recent_earlier_emails()
    {
        var earlier = Enumerable.Range(1, 50).Select(i => $"email-{i}@acme.example").ToArray();

        var message = ContinuationMime.Build(await EmailAsync(), Envelope(earlier));

        Assert.Equal(ContinuationMime.MaxReferences, message.References.Count);
        Assert.Equal("conversation-42@acme.example", message.References[0]);
        Assert.Equal(earlier[^(ContinuationMime.MaxReferences - 1)..], message.References.Skip(1));
        Assert.Equal("email-50@acme.example", message.InReplyTo);
    }

    [Fact]
    public async Task The_message_offers_one_click_unsubscribe_and_tells_auto_responders_not_to_answer()
    {
        var message = ContinuationMime.Build(await EmailAsync(), Envelope());

        Assert.Equal($"<{EmailModels.UnsubscribeUrl}>", message.Headers[HeaderId.ListUnsubscribe]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
        Assert.Equal("All", message.Headers["X-Auto-Response-Suppress"]);
    }

    [Fact]
    public async Task The_body_is_multipart_alternative_with_utf8_text_then_html()
    {
        var email = await EmailAsync("ru");
        var message = ContinuationMime.Build(email, Envelope());

        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Collection(alternative,
            part => Assert.Equal("text/plain", part.ContentType.MimeType),
            part => Assert.Equal("text/html", part.ContentType.MimeType));
        Assert.All(alternative.Cast<TextPart>(), part =>
        {
            Assert.Equal("utf-8", part.ContentType.Charset);
            Assert.Contains(part.ContentTransferEncoding, new[] { ContentEncoding.QuotedPrintable, ContentEncoding.Base64 });
        });
        Assert.Equal(email.TextBody, Norm(message.TextBody));
        // MIME text is canonically CRLF whatever newline the message is later written with.
        Assert.All(alternative.Cast<TextPart>(), part =>
        {
            using var decoded = new MemoryStream();
            part.Content!.DecodeTo(decoded);
            var content = System.Text.Encoding.UTF8.GetString(decoded.ToArray());
            Assert.Contains("\r\n", content, StringComparison.Ordinal);
            Assert.DoesNotMatch("[^\r]\n", content);
        });
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    [InlineData("ar")]
    public async Task The_written_message_is_seven_bit_and_reads_back_the_same(string language)
    {
        var email = await EmailAsync(language);
        var built = ContinuationMime.Build(email, Envelope("email-1@acme.example", "email-2@acme.example"));
        using var bytes = new MemoryStream();
        await built.WriteToAsync(bytes);

        Assert.All(bytes.ToArray(), b => Assert.True(b < 128));
        bytes.Position = 0;
        var read = await MimeMessage.LoadAsync(bytes);

        Assert.Equal(email.Subject, read.Subject);
        Assert.Equal(Norm(email.TextBody), Norm(read.TextBody));
        Assert.Equal(Norm(email.HtmlBody), Norm(read.HtmlBody));
        Assert.Equal("email-3@acme.example", read.MessageId);
        Assert.Equal("email-2@acme.example", read.InReplyTo);
        Assert.Equal(["conversation-42@acme.example", "email-1@acme.example", "email-2@acme.example"], read.References);
        Assert.Equal("Jörg Müller", read.To.Mailboxes.Single().Name);
        Assert.Equal("support+t0k3n@acme.example", read.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal($"<{EmailModels.UnsubscribeUrl}>", read.Headers[HeaderId.ListUnsubscribe]);
        Assert.Equal("List-Unsubscribe=One-Click", read.Headers["List-Unsubscribe-Post"]);
        Assert.Equal("auto-generated", read.Headers["Auto-Submitted"]);
        Assert.Equal(Sent, read.Date);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-at-sign")]
    [InlineData("two words@acme.example")]
    public async Task A_message_id_that_is_not_one_is_refused(string id)
    {
        var email = await EmailAsync();

        Assert.Throws<ArgumentException>(() => ContinuationMime.Build(email, Envelope() with { MessageId = id }));
        Assert.Throws<ArgumentException>(() => ContinuationMime.Build(email, Envelope() with { ThreadRootId = id }));
    }

    [Fact]
    public async Task An_unsubscribe_link_that_is_not_http_is_refused()
    {
        var email = await EmailAsync();

        Assert.Throws<ArgumentException>(() => ContinuationMime.Build(email, Envelope() with { UnsubscribeUrl = "mailto:x@acme.example" }));
    }

    private static string Norm(string? text) => (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
}
