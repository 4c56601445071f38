using System.Text;
using MimeKit;
using Parley.Core.Email.Inbound.Trimming;

namespace Parley.Core.Tests.Email.Inbound.Trimming;

public sealed class ReplyBodyTests
{
    [Fact]
    public void The_text_part_is_preferred_and_text_attachments_are_not_read()
    {
        var builder = new BodyBuilder { TextBody = "From the text part\n\n> quoted", HtmlBody = "<p>From the HTML part</p>" };
        builder.Attachments.Add("notes.txt", Encoding.UTF8.GetBytes("Attached notes"), new ContentType("text", "plain"));
        var message = new MimeMessage { Body = builder.ToMessageBody() };

        var body = ReplyBody.From(message);

        Assert.Equal("From the text part", body.Trimmed);
        Assert.Equal("From the text part\n\n> quoted", body.Original);
    }

    [Fact]
    public void Html_is_read_when_there_is_no_text_part()
    {
        var message = new MimeMessage { Body = new TextPart("html") { Text = "<p>Only HTML &amp; more</p><blockquote>old</blockquote>" } };

        var body = ReplyBody.From(message);

        Assert.Equal("Only HTML & more", body.Trimmed);
        Assert.Equal("Only HTML & more\n\n> old", body.Original);
    }

    [Fact]
    public void Flowed_text_is_joined_and_keeps_its_signature_line()
    {
        var part = new TextPart("plain") { Text = "A long line that \r\nwas wrapped.\r\n-- \r\nJane\r\n" };
        part.ContentType.Parameters.Add("format", "flowed");

        var body = ReplyBody.From(new MimeMessage { Body = part });

        Assert.Equal("A long line that was wrapped.", body.Trimmed);
    }

    [Fact]
    public void A_message_without_text_gives_empty_texts()
    {
        var message = new MimeMessage { Body = new MimePart("application", "pdf") { Content = new MimeContent(new MemoryStream([1, 2, 3])) } };

        Assert.Equal(new ReplyBody("", ""), ReplyBody.From(message));
    }
}
