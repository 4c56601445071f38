using Microsoft.Extensions.Time.Testing;
using MimeKit;
using MimeKit.Utils;
using Parley.Core.Email.Outbound;

namespace Parley.Core.Tests.Email;

/// <summary>The development mailbox: where mail goes without an SMTP server, files the admin center lists and reads.</summary>
public sealed class DevelopmentMailboxTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "parley-devmail-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly FakeTimeProvider _clock = new(Start);

    private string Folder => Path.Combine(_root, "mailbox");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task A_saved_message_is_listed_with_its_headers_and_reads_back_whole()
    {
        var mailbox = new DevelopmentMailbox(Folder, _clock);
        var message = Message("Ihre Antwort von Parley — Unterhaltung #42", "kunde@example.test");

        var result = await SendAsync(mailbox, message);

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        var item = Assert.Single(mailbox.List());
        Assert.Equal(Start, item.SavedAt);
        Assert.StartsWith("20250314T092653589-", item.Id, StringComparison.Ordinal);
        Assert.Contains(item.Id, result.Detail, StringComparison.Ordinal);
        Assert.Equal("\"Parley Support\" <support@support.test>", item.From);
        Assert.Equal("kunde@example.test", item.To);
        Assert.Equal("Ihre Antwort von Parley — Unterhaltung #42", item.Subject);
        Assert.Equal(message.MessageId, item.MessageId);
        Assert.Equal(new FileInfo(Path.Combine(Folder, item.Id + ".eml")).Length, item.Size);

        var read = mailbox.Read(item.Id);
        Assert.NotNull(read);
        Assert.Equal(message.MessageId, read.MessageId);
        Assert.Equal("Hello in text.", read.TextBody?.Trim());
        Assert.Contains("<b>HTML</b>", read.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_are_listed_newest_first_and_the_list_is_bounded_by_max()
    {
        var mailbox = new DevelopmentMailbox(Folder, _clock);
        foreach (var subject in new[] { "first", "second", "third" })
        {
            await SendAsync(mailbox, Message(subject));
            _clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(["third", "second", "first"], mailbox.List().Select(i => i.Subject));
        Assert.Equal(["third", "second"], mailbox.List(max: 2).Select(i => i.Subject));
        Assert.Equal(Start.AddMilliseconds(2), mailbox.List()[0].SavedAt);
    }

    [Fact]
    public async Task Saving_beyond_the_bound_deletes_the_oldest_files()
    {
        var mailbox = new DevelopmentMailbox(Folder, _clock) { Keep = 3 };
        for (var i = 1; i <= 5; i++)
        {
            await SendAsync(mailbox, Message($"message {i}"));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(["message 5", "message 4", "message 3"], mailbox.List().Select(i => i.Subject));
        Assert.Equal(3, Directory.GetFiles(Folder, "*.eml").Length);
    }

    [Fact]
    public void By_default_the_newest_thousand_are_kept() => Assert.Equal(1000, new DevelopmentMailbox(Folder, _clock).Keep);

    [Fact]
    public async Task A_deleted_message_is_gone_and_deleting_it_again_says_so()
    {
        var mailbox = new DevelopmentMailbox(Folder, _clock);
        await SendAsync(mailbox, Message("keep"));
        _clock.Advance(TimeSpan.FromSeconds(1));
        await SendAsync(mailbox, Message("delete"));
        var id = mailbox.List()[0].Id;

        Assert.True(mailbox.Delete(id));

        Assert.False(mailbox.Delete(id));
        Assert.Null(mailbox.Read(id));
        Assert.Equal(["keep"], mailbox.List().Select(i => i.Subject));
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("sub/20250314T092653589-0123456789abcdef0123456789abcdef")]
    [InlineData("20250314T092653589-0123456789abcdef0123456789abcdef.eml")]
    [InlineData("20250314T092653589-0123456789abcdef0123456789abcdef\n")]
    [InlineData("20250314T092653589-0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("")]
    public async Task Ids_that_are_not_a_saved_messages_name_are_rejected(string id)
    {
        var mailbox = new DevelopmentMailbox(Folder, _clock);
        await SendAsync(mailbox, Message("inside"));
        // A real message just outside the mailbox, where "../outside" would point.
        File.Copy(Directory.GetFiles(Folder, "*.eml").Single(), Path.Combine(_root, "outside.eml"));

        Assert.False(DevelopmentMailbox.IsValidId(id));
        Assert.Null(mailbox.Read(id));
        Assert.False(mailbox.Delete(id));
        Assert.True(File.Exists(Path.Combine(_root, "outside.eml")));
    }

    [Fact]
    public void An_absolute_path_to_an_existing_message_is_rejected()
    {
        var mailbox = new DevelopmentMailbox(Folder, _clock);
        var outside = Path.Combine(_root, "20250314T092653589-0123456789abcdef0123456789abcdef");
        Directory.CreateDirectory(_root);
        Message("outside").WriteTo(outside + ".eml");

        Assert.Null(mailbox.Read(outside));
        Assert.False(mailbox.Delete(outside));
        Assert.True(File.Exists(outside + ".eml"));
    }

    [Fact]
    public async Task A_message_larger_than_the_read_bound_is_listed_but_not_parsed()
    {
        var mailbox = new DevelopmentMailbox(Folder, _clock) { MaxReadBytes = 2_000 };
        var big = Message("big");
        big.Body = new TextPart("plain") { Text = new string('x', 10_000) };
        await SendAsync(mailbox, big);

        var item = Assert.Single(mailbox.List());

        Assert.True(item.Size > 2_000);
        Assert.Equal("big", item.Subject);
        Assert.Null(mailbox.Read(item.Id));
    }

    [Fact]
    public async Task Leftovers_of_an_interrupted_write_are_never_listed_and_are_cleared_by_the_next_save()
    {
        var tmp = Path.Combine(Folder, "tmp");
        Directory.CreateDirectory(tmp);
        var leftover = Path.Combine(tmp, "20250314T092653000-0123456789abcdef0123456789abcdef.eml");
        await File.WriteAllTextAsync(leftover, "From: half");
        var mailbox = new DevelopmentMailbox(Folder, _clock);

        Assert.Empty(mailbox.List());
        await SendAsync(mailbox, Message("whole"));

        Assert.False(File.Exists(leftover));
        Assert.Equal(["whole"], mailbox.List().Select(i => i.Subject));
        Assert.Empty(Directory.GetFiles(tmp));
    }

    [Fact]
    public void An_empty_or_missing_mailbox_lists_nothing()
    {
        var mailbox = new DevelopmentMailbox(Folder, _clock);

        Assert.Empty(mailbox.List());
        Assert.False(Directory.Exists(Folder));
    }

    [Fact]
    public async Task Many_sessions_saving_at_once_lose_no_message()
    {
        var mailbox = new DevelopmentMailbox(Folder, _clock);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => SendAsync(mailbox, Message($"parallel {i}")))));

        Assert.Equal(40, mailbox.List().Select(i => i.Subject).Distinct().Count());
    }

    private static async Task<DeliveryResult> SendAsync(DevelopmentMailbox mailbox, MimeMessage message)
    {
        await using var delivery = mailbox.Open();
        return await delivery.SendAsync(message, default);
    }

    private static MimeMessage Message(string subject, string to = "customer@customer.test")
    {
        var message = new MimeMessage { Subject = subject, MessageId = MimeUtils.GenerateMessageId("parley.test") };
        message.From.Add(new MailboxAddress("Parley Support", "support@support.test"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new BodyBuilder { TextBody = "Hello in text.", HtmlBody = "<p>Hello in <b>HTML</b>.</p>" }.ToMessageBody();
        return message;
    }
}
