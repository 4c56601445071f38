using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MimeKit.Utils;
using Parley.Core.Continuity;
using Parley.Core.Conversations;
using Parley.Core.Data;
using Parley.Core.Email.Inbound;
using Parley.Core.Email.Outbound;
using Parley.Server.Tests.Continuity;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Email.Inbound;

/// <summary>
/// Email replies through the HTTP endpoint, as a mail server or provider forwards them: the real app over a
/// real database; the continuation email they answer went to the development mailbox.
/// </summary>
public abstract class InboundEmailTests(ParleyApp app)
{
    [Fact]
    public async Task A_reply_becomes_the_end_users_email_message_in_the_same_conversation_with_only_the_new_text()
    {
        var c = await app.EmailedConversationAsync();
        var result = await app.IngestAsync(c.Reply("Great, please keep two packs for me."));

        Assert.Equal(InboundEmailStatus.Posted, result.Status);
        Assert.Equal(c.ConversationId, result.ConversationId);
        Assert.Equal("reply-token", (await app.InboundEmailsAsync()).Single(e => e.Id == result.InboundEmailId).RoutedBy);
        var last = (await c.Agent.MessagesAsync(c.ConversationId))[^1];
        Assert.Equal(result.MessageId, last.Id);
        Assert.Equal(MessageAuthorKind.EndUser, last.AuthorKind);
        Assert.Equal(MessageChannel.Email, last.Channel);
        Assert.Equal("Great, please keep two packs for me.", last.Text);
        var seen = (await c.Visitor.HistoryAsync(c.ConversationId))[^1];
        Assert.Equal((last.Id, MessageChannel.Email), (seen.Id, seen.Channel));
        // The end user wrote: the window starts again from the next agent reply, and nothing more is emailed now.
        Assert.Null((await app.ConversationAsync(c.ConversationId)).ContinuityWindowStartedAt);
    }

    [Fact]
    public async Task A_reply_is_found_by_its_in_reply_to_header_when_the_reply_address_is_lost()
    {
        var c = await app.EmailedConversationAsync();
        var result = await app.IngestAsync(c.Reply("Forwarded from my other client.", to: "support@support.test"));

        Assert.Equal((InboundEmailStatus.Posted, c.ConversationId), (result.Status, result.ConversationId));
        Assert.Equal("in-reply-to", (await app.InboundEmailsAsync()).Single(e => e.Id == result.InboundEmailId).RoutedBy);
    }

    [Fact]
    public async Task The_same_email_delivered_twice_is_stored_and_posted_once()
    {
        var c = await app.EmailedConversationAsync();
        var reply = c.Reply("Only once, please.").Bytes();

        var first = await Expect.JsonAsync<IngestResult>(await app.PostEmailAsync(reply), HttpStatusCode.Created);
        var again = await Expect.JsonAsync<IngestResult>(await app.PostEmailAsync(reply), HttpStatusCode.OK);

        Assert.True(again.Duplicate);
        Assert.Equal((first.InboundEmailId, first.MessageId), (again.InboundEmailId, again.MessageId));
        Assert.Single(await c.Agent.MessagesAsync(c.ConversationId), m => m.Text == "Only once, please.");
        Assert.Single(await app.InboundEmailsAsync(), e => e.Id == first.InboundEmailId);
    }

    [Fact]
    public async Task An_email_stored_but_not_handled_before_a_crash_is_finished_by_its_next_delivery_and_posted_once()
    {
        var c = await app.EmailedConversationAsync();
        var reply = c.Reply("Sent while the server went down.");
        var first = await app.IngestAsync(reply);
        // As if the server died after storing the email and posting the message, before recording the outcome.
        await app.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().InboundEmails.Where(e => e.Id == first.InboundEmailId)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, InboundEmailStatus.Received).SetProperty(e => e.PostedMessageId, (Guid?)null)));

        var again = await app.IngestAsync(reply, HttpStatusCode.Created);

        Assert.Equal((InboundEmailStatus.Posted, first.MessageId), (again.Status, again.MessageId));
        Assert.Single(await c.Agent.MessagesAsync(c.ConversationId), m => m.Text == "Sent while the server went down.");
    }

    [Fact]
    public async Task A_reply_from_another_address_is_held_until_an_agent_accepts_it_as_the_customers_message()
    {
        var c = await app.EmailedConversationAsync();
        var held = await app.IngestAsync(c.Reply("I am her colleague; we need four packs.", from: "colleague@elsewhere.test"));

        Assert.Equal((InboundEmailStatus.Held, c.ConversationId, (Guid?)null), (held.Status, held.ConversationId, held.MessageId));
        Assert.Contains("colleague@elsewhere.test", held.Detail);
        Assert.DoesNotContain(await c.Agent.MessagesAsync(c.ConversationId), m => m.Text.Contains("colleague", StringComparison.Ordinal));

        var accepted = await Expect.JsonAsync<IngestResult>(await c.Agent.Client.PostAsync($"/api/v1/inbound-emails/{held.InboundEmailId}/accept", null), HttpStatusCode.OK);

        Assert.Equal(InboundEmailStatus.Posted, accepted.Status);
        var last = (await c.Agent.MessagesAsync(c.ConversationId))[^1];
        Assert.Equal(("I am her colleague; we need four packs.", MessageAuthorKind.EndUser, MessageChannel.Email), (last.Text, last.AuthorKind, last.Channel));
        await Expect.ProblemAsync(await c.Agent.Client.PostAsync($"/api/v1/inbound-emails/{held.InboundEmailId}/discard", null), HttpStatusCode.Conflict, "reply-not-held");
    }

    [Fact]
    public async Task A_held_reply_an_agent_discards_never_becomes_a_message()
    {
        var c = await app.EmailedConversationAsync();
        var held = await app.IngestAsync(c.Reply("Buy cheap watches", from: "spam@spam.test"));

        await Expect.StatusAsync(await c.Agent.Client.PostAsync($"/api/v1/inbound-emails/{held.InboundEmailId}/discard", null), HttpStatusCode.NoContent);

        Assert.Equal(InboundEmailStatus.Discarded, (await app.InboundEmailsAsync()).Single(e => e.Id == held.InboundEmailId).Status);
        Assert.DoesNotContain(await c.Agent.MessagesAsync(c.ConversationId), m => m.Text.Contains("watches", StringComparison.Ordinal));
        await Expect.ProblemAsync(await c.Agent.Client.PostAsync($"/api/v1/inbound-emails/{held.InboundEmailId}/accept", null), HttpStatusCode.Conflict, "reply-not-held");
    }

    [Fact]
    public async Task The_sender_is_compared_without_regard_to_case_or_display_name()
    {
        var c = await app.EmailedConversationAsync();
        var result = await app.IngestAsync(c.Reply("Case does not matter.", from: $"\"Kim Customer\" <{c.CustomerEmail.ToUpperInvariant()}>"));

        Assert.Equal(InboundEmailStatus.Posted, result.Status);
    }

    [Fact]
    public async Task A_reply_dated_in_another_time_zone_with_nul_characters_is_posted_without_them()
    {
        var c = await app.EmailedConversationAsync();
        var reply = c.Reply("Odd\0 but fine.");
        reply.Subject = "Re:\0 tea";
        reply.Date = new DateTimeOffset(2026, 12, 1, 19, 0, 0, TimeSpan.FromHours(9));

        var result = await app.IngestAsync(reply);

        Assert.Equal(InboundEmailStatus.Posted, result.Status);
        var stored = (await app.InboundEmailsAsync()).Single(e => e.Id == result.InboundEmailId);
        Assert.Equal(("Re: tea", new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero)), (stored.Subject, stored.SentAt));
        Assert.Equal("Odd but fine.", (await c.Agent.MessagesAsync(c.ConversationId))[^1].Text);
    }

    [Fact]
    public async Task An_auto_reply_is_stored_but_never_becomes_a_message()
    {
        var c = await app.EmailedConversationAsync();
        var vacation = c.Reply("I am out of the office until Monday.");
        vacation.Headers.Add("Auto-Submitted", "auto-replied");

        var result = await app.IngestAsync(vacation);

        Assert.Equal(InboundEmailStatus.Automatic, result.Status);
        Assert.DoesNotContain(await c.Agent.MessagesAsync(c.ConversationId), m => m.Text.Contains("office", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bounce_marks_the_address_as_bouncing_stops_its_emails_and_tells_the_agent_why()
    {
        var c = await app.EmailedConversationAsync();
        var result = await app.IngestAsync(Bounce(c.CustomerEmail, c.SentMessageId));

        Assert.Equal(InboundEmailStatus.Bounce, result.Status);
        var conversation = await app.ConversationAsync(c.ConversationId);
        Assert.True((await app.EndUserAsync(conversation.EndUserId)).EmailBouncing);
        Assert.Equal(NotEmailedReason.Bouncing, conversation.NotEmailedReason);
        var sent = Assert.Single(await app.OutboxAsync(c.ConversationId));
        Assert.Equal(OutboundEmailStatus.Failed, sent.Status);
        Assert.Contains("5.1.1", sent.LastResult);

        // The next unread reply is not emailed: the address bounces.
        await c.Agent.ReplyAsync(c.ConversationId, "Are you still there?");
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        await app.RunEmailWorkAsync();
        Assert.Single(await app.OutboxAsync(c.ConversationId));
        Assert.Equal(NotEmailedReason.Bouncing, (await app.ConversationAsync(c.ConversationId)).NotEmailedReason);
    }

    [Fact]
    public async Task An_email_that_names_no_conversation_is_stored_and_listed_for_admins()
    {
        var admin = await app.SignInNewAgentAsync(Parley.Core.Accounts.AgentRole.Admin);
        var stray = new MimeMessage { Subject = "Question about wholesale", MessageId = MimeUtils.GenerateMessageId("shop.test") };
        stray.From.Add(MailboxAddress.Parse("buyer@shop.test"));
        stray.To.Add(MailboxAddress.Parse("support@support.test"));
        stray.Body = new TextPart("plain") { Text = "Do you sell wholesale?" };

        var result = await app.IngestAsync(stray);

        Assert.Equal((InboundEmailStatus.Unrouted, (Guid?)null), (result.Status, result.ConversationId));
        var listed = await Expect.JsonAsync<List<InboundEmailView>>(await admin.Client.GetAsync("/api/v1/inbound-emails?status=unrouted"), HttpStatusCode.OK);
        Assert.Contains(listed, e => e.Id == result.InboundEmailId && e.Subject == "Question about wholesale" && e.FromAddress == "buyer@shop.test");
        var original = await admin.Client.GetAsync($"/api/v1/inbound-emails/{result.InboundEmailId}/original");
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Contains("Do you sell wholesale?", await original.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Malformed_and_oversized_emails_are_refused_with_a_reason_and_nothing_is_stored()
    {
        await app.EmailedConversationAsync();
        var before = (await app.InboundEmailsAsync()).Count;
        var contents = await app.InboundContentCountAsync();

        await Expect.ProblemAsync(await app.PostEmailAsync([]), HttpStatusCode.BadRequest, "invalid-email-message");
        await Expect.ProblemAsync(await app.PostEmailAsync("just some words, no headers at all"u8.ToArray()), HttpStatusCode.BadRequest, "invalid-email-message");
        await Expect.ProblemAsync(await app.PostEmailAsync("Subject: no sender\r\n\r\nHello"u8.ToArray()), HttpStatusCode.BadRequest, "invalid-email-message");
        var huge = new byte[31 * 1024 * 1024];
        Array.Fill(huge, (byte)'a');
        var tooLarge = await app.PostEmailAsync(huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);

        Assert.Equal(before, (await app.InboundEmailsAsync()).Count);
        Assert.Equal(contents, await app.InboundContentCountAsync());
    }

    [Fact]
    public async Task The_endpoint_refuses_an_email_without_the_inbound_key_and_takes_the_key_as_a_basic_password()
    {
        var c = await app.EmailedConversationAsync();
        var key = await app.InboundKeyAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.PostEmailAsync(c.Reply("No key").Bytes(), key: "pin_wrong")).StatusCode);
        var anonymous = await app.Anonymous().PostAsync("/api/v1/inbound-email", new ByteArrayContent(c.Reply("No header").Bytes()));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.DoesNotContain(await app.InboundEmailsAsync(), e => e.Subject.Length > 0 && e.FromAddress == c.CustomerEmail);

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/inbound-email") { Content = new ByteArrayContent(c.Reply("With basic auth").Bytes()) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"parley:{key}")));
        var result = await Expect.JsonAsync<IngestResult>(await app.Anonymous().SendAsync(request), HttpStatusCode.Created);
        Assert.Equal(InboundEmailStatus.Posted, result.Status);
    }

    [Fact]
    public async Task Attachments_and_inline_images_are_stored_and_downloadable_by_the_agent_and_the_end_user()
    {
        var c = await app.EmailedConversationAsync();
        var reply = c.Reply("Here is the photo and the invoice.");
        var body = new BodyBuilder { TextBody = "Here is the photo and the invoice.", HtmlBody = "<p>Here is the photo and the invoice.</p><img src=\"cid:photo1\">" };
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");
        var inline = body.LinkedResources.Add("image001.png", png, new ContentType("image", "png"));
        inline.ContentId = "photo1";
        body.Attachments.Add("invoice.pdf", "%PDF-1.4 test invoice"u8.ToArray(), new ContentType("application", "pdf"));
        reply.Body = body.ToMessageBody();

        var result = await app.IngestAsync(reply);

        var message = (await c.Agent.MessagesAsync(c.ConversationId)).Single(m => m.Id == result.MessageId);
        Assert.Equal("Here is the photo and the invoice.", message.Text);
        Assert.Equal(["image001.png", "invoice.pdf"], message.Attachments.Select(a => a.FileName).Order().ToArray());
        var pdf = message.Attachments.Single(a => a.FileName == "invoice.pdf");
        var byAgent = await c.Agent.DownloadAsync(pdf.Id);
        Assert.Equal("%PDF-1.4 test invoice", await byAgent.Content.ReadAsStringAsync());
        var byEndUser = await c.Visitor.DownloadAsync(c.ConversationId, message.Attachments.Single(a => a.FileName == "image001.png").Id);
        Assert.Equal(png, await byEndUser.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_reply_to_a_closed_conversation_starts_a_follow_up_as_a_message_in_the_messenger_would()
    {
        var c = await app.EmailedConversationAsync();
        await app.CloseAsync(c.ConversationId);

        var result = await app.IngestAsync(c.Reply("One more question."));

        Assert.Equal(InboundEmailStatus.Posted, result.Status);
        Assert.NotEqual(c.ConversationId, result.ConversationId);
        Assert.Equal(c.ConversationId, (await app.ConversationAsync(result.ConversationId!.Value)).FollowUpOfId);
    }

    /// <summary>An RFC 3464 delivery status notification for <paramref name="recipient"/>, naming the email that bounced.</summary>
    private static MimeMessage Bounce(string recipient, string originalMessageId)
    {
        var report = new MimeMessage { Subject = "Undelivered Mail Returned to Sender", MessageId = MimeUtils.GenerateMessageId("mx.customer.test") };
        report.From.Add(new MailboxAddress("Mail Delivery System", "MAILER-DAEMON@mx.customer.test"));
        report.To.Add(MailboxAddress.Parse("support@support.test"));
        var status = new MessageDeliveryStatus();
        var perMessage = new HeaderList { { "Reporting-MTA", "dns; mx.customer.test" } };
        var perRecipient = new HeaderList
        {
            { "Final-Recipient", $"rfc822; {recipient}" }, { "Action", "failed" }, { "Status", "5.1.1" },
            { "Diagnostic-Code", "smtp; 550 5.1.1 User unknown" },
        };
        status.StatusGroups.Add(perMessage);
        status.StatusGroups.Add(perRecipient);
        using var headers = new MemoryStream(System.Text.Encoding.ASCII.GetBytes($"Message-ID: <{originalMessageId}>\r\nTo: {recipient}\r\nSubject: Your conversation\r\n\r\n"));
        var original = new TextRfc822Headers { Message = MimeMessage.Load(headers) };
        report.Body = new MultipartReport("delivery-status")
        {
            new TextPart("plain") { Text = $"Your message to {recipient} could not be delivered: user unknown." },
            status,
            original,
        };
        return report;
    }
}

public sealed class InboundEmailTests_Sqlite(SqliteApp app) : InboundEmailTests(app), IClassFixture<SqliteApp>;

public sealed class InboundEmailTests_Postgres(PostgresApp app) : InboundEmailTests(app), IClassFixture<PostgresApp>;
