using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Parley.Core.Continuity;
using Parley.Core.Conversations;
using Parley.Core.Email;
using Parley.Core.Email.Outbound;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Continuity;

/// <summary>
/// The continuation email end to end: the real app over a real database, sending through a real Postfix,
/// read back from the end user's mailbox over IMAP (Dovecot). The clock is moved, never waited on.
/// </summary>
public abstract class ContinuationEmailTests(ParleyApp app, MailServers mail)
{
    private const string Mailbox = "customer@customer.test";
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(15);

    private async Task<(Visitor Visitor, Guid ConversationId, string Email)> VisitorWritesAsync(string text, string? language = null, bool withEmail = true)
    {
        var visitor = await app.NewVisitorAsync(language);
        var email = ContinuityDriver.NewCustomerAddress();
        if (withEmail)
        {
            await visitor.SetEmailAsync(email);
        }
        var started = await visitor.StartConversationAsync(text);
        return (visitor, started.Conversation.Id, email);
    }

    /// <summary>The emails to one plus address, once <paramref name="count"/> have arrived.</summary>
    private async Task<IReadOnlyList<MimeMessage>> EmailsToAsync(string address, int count)
    {
        static bool To(MimeMessage m, string address) => m.To.Mailboxes.Any(x => x.Address == address);
        var inbox = await mail.WaitForAsync(Mailbox, all => all.Count(m => To(m, address)) >= count, MailWait);
        var mine = inbox.Where(m => To(m, address)).ToList();
        Assert.Equal(count, mine.Count);
        return mine;
    }

    private async Task NoneSentAsync(Guid conversationId, NotEmailedReason reason)
    {
        Assert.Empty(await app.OutboxAsync(conversationId));
        var stored = await app.ConversationAsync(conversationId);
        Assert.Equal(reason, stored.NotEmailedReason);
        Assert.Null(stored.ContinuityWindowStartedAt);
    }

    [Fact]
    public async Task Unread_agent_replies_are_emailed_once_after_the_inactivity_window_with_both_replies_in_the_visitors_language()
    {
        await app.EnableContinuityAsync(mail, windowMinutes: 10);
        var agent = await app.SignInNewAgentAsync(name: "Dana Brewer");
        var (_, conversationId, email) = await VisitorWritesAsync("Haben Sie noch grünen Tee?", language: "de");
        await agent.ReplyAsync(conversationId, "Ja, Sencha ist wieder da.");
        await agent.NoteAsync(conversationId, "Internal: stock arrived Monday.");
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await agent.ReplyAsync(conversationId, "Soll ich Ihnen eine Packung zurücklegen?");

        // The window runs from the first reply: nine minutes after it, nothing yet; at ten, the email.
        app.Clock.Advance(TimeSpan.FromMinutes(7));
        await app.RunEmailWorkAsync();
        Assert.Empty(await app.OutboxAsync(conversationId));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.RunEmailWorkAsync();
        await app.RunEmailWorkAsync();

        var received = Assert.Single(await EmailsToAsync(email, 1));
        var outbox = Assert.Single(await app.OutboxAsync(conversationId));
        Assert.Equal(OutboundEmailStatus.Sent, outbox.Status);
        Assert.Single(await app.AttemptsAsync(outbox.Id));
        var stored = await app.ConversationAsync(conversationId);
        Assert.Equal(outbox.MessageId, received.MessageId);
        Assert.Equal(ContinuityDriver.SupportAddress, received.From.Mailboxes.Single().Address);
        Assert.Contains("Dana Brewer", received.From.Mailboxes.Single().Name);
        Assert.Equal($"support+{stored.ReplyToken}@support.test", received.ReplyTo.Mailboxes.Single().Address);
        Assert.Matches("^[a-z2-7]{26}$", stored.ReplyToken);
        Assert.Equal(received.InReplyTo, received.References.Single());
        Assert.StartsWith("<http://", received.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", received.Headers["List-Unsubscribe-Post"]);
        var text = received.TextBody ?? "";
        Assert.Contains("Ja, Sencha ist wieder da.", text);
        Assert.Contains("Soll ich Ihnen eine Packung zurücklegen?", text);
        Assert.Contains("Haben Sie noch grünen Tee?", text);
        Assert.DoesNotContain("Internal: stock arrived Monday.", text + received.HtmlBody);
        Assert.Contains("lang=\"de\"", received.HtmlBody);
        var link = System.Text.RegularExpressions.Regex.Match(text ?? "", @"/messenger/continue/([A-Za-z0-9_-]+)").Groups[1].Value;
        var claims = SignedLinks.Read((await app.StoredSettingsAsync()).LinkSigningKey, link, LinkPurpose.Continue, app.Clock.GetUtcNow());
        Assert.Equal(conversationId, claims?.ConversationId);
        Assert.Equal(stored.LastMessageSeq, stored.EmailedThroughSeq);
    }

    [Fact]
    public async Task The_email_round_sweeps_and_delivers_side_by_side_until_every_due_email_is_sent_once()
    {
        await app.EnableContinuityAsync(mail);
        var agent = await app.SignInNewAgentAsync();
        var waiting = new List<(Guid Id, string Email)>();
        for (var i = 0; i < 5; i++)
        {
            var (_, conversationId, email) = await VisitorWritesAsync($"Question {i} about loose tea");
            await agent.ReplyAsync(conversationId, $"Answer {i}: yes, by the gram.");
            waiting.Add((conversationId, email));
        }
        app.Clock.Advance(TimeSpan.FromMinutes(10));

        var next = await app.InScopeAsync(sp => sp.GetRequiredService<EmailRound>().RunAsync(default));

        Assert.Null(next);
        foreach (var (id, email) in waiting)
        {
            var sent = Assert.Single(await app.OutboxAsync(id));
            Assert.Equal(OutboundEmailStatus.Sent, sent.Status);
            Assert.Equal(DeliveryOutcome.Delivered, Assert.Single(await app.AttemptsAsync(sent.Id)).Outcome);
            Assert.Single(await EmailsToAsync(email, 1));
        }
    }

    [Fact]
    public async Task Replies_read_in_the_messenger_before_the_window_ends_are_not_emailed()
    {
        await app.EnableContinuityAsync(mail);
        var agent = await app.SignInNewAgentAsync();
        var (visitor, conversationId, _) = await VisitorWritesAsync("Do you ship to Norway?");
        var reply = await agent.ReplyAsync(conversationId, "Yes, in three to five days.");
        await visitor.MarkReadAsync(conversationId, reply.Seq);

        app.Clock.Advance(TimeSpan.FromMinutes(11));
        await app.RunEmailWorkAsync();

        Assert.Empty(await app.OutboxAsync(conversationId));
        Assert.Null((await app.ConversationAsync(conversationId)).ContinuityWindowStartedAt);
    }

    [Fact]
    public async Task A_reply_after_the_email_starts_a_new_window_and_the_second_email_carries_only_it_threaded_to_the_first()
    {
        await app.EnableContinuityAsync(mail);
        var agent = await app.SignInNewAgentAsync();
        var (_, conversationId, email) = await VisitorWritesAsync("Is the oolong organic?");
        await agent.ReplyAsync(conversationId, "It is certified organic.");
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await app.RunEmailWorkAsync();
        var first = Assert.Single(await EmailsToAsync(email, 1));

        await agent.ReplyAsync(conversationId, "We also have a smoky one now.");
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await app.RunEmailWorkAsync();

        var both = await EmailsToAsync(email, 2);
        var second = both.Single(m => m.MessageId != first.MessageId);
        Assert.Contains("We also have a smoky one now.", second.TextBody);
        Assert.DoesNotContain("It is certified organic.", second.TextBody);
        Assert.Equal(first.Subject, second.Subject);
        Assert.Equal(first.MessageId, second.InReplyTo);
        Assert.Equal([first.References.Single(), first.MessageId!], second.References);
    }

    [Fact]
    public async Task A_solved_conversation_is_emailed_and_a_closed_one_is_not()
    {
        await app.EnableContinuityAsync(mail);
        var agent = await app.SignInNewAgentAsync();
        var (_, solved, solvedEmail) = await VisitorWritesAsync("Can I return an opened tin?");
        await agent.ReplyAsync(solved, "Yes, within 30 days.");
        await agent.ChangeStatusAsync(solved, ConversationStatus.Solved);
        var (_, closed, _) = await VisitorWritesAsync("Where is my order?");
        await agent.ReplyAsync(closed, "It was delivered yesterday.");
        await app.CloseAsync(closed);

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await app.RunEmailWorkAsync();

        Assert.Single(await EmailsToAsync(solvedEmail, 1));
        await NoneSentAsync(closed, NotEmailedReason.Closed);
    }

    [Fact]
    public async Task No_email_is_sent_without_an_address_nor_to_an_unsubscribed_or_bouncing_one()
    {
        await app.EnableContinuityAsync(mail);
        var agent = await app.SignInNewAgentAsync();
        var (_, noEmail, _) = await VisitorWritesAsync("Hello?", withEmail: false);
        var (unsubscribedVisitor, unsubscribed, _) = await VisitorWritesAsync("Hi there");
        var (bouncingVisitor, bouncing, _) = await VisitorWritesAsync("Good morning");
        await app.ChangeEndUserAsync(unsubscribedVisitor.EndUserId, unsubscribed: true);
        await app.ChangeEndUserAsync(bouncingVisitor.EndUserId, bouncing: true);
        foreach (var id in new[] { noEmail, unsubscribed, bouncing })
        {
            await agent.ReplyAsync(id, "How can we help?");
        }

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await app.RunEmailWorkAsync();

        await NoneSentAsync(noEmail, NotEmailedReason.NoEmail);
        await NoneSentAsync(unsubscribed, NotEmailedReason.Unsubscribed);
        await NoneSentAsync(bouncing, NotEmailedReason.Bouncing);
    }

    [Fact]
    public async Task With_the_smtp_server_down_the_email_is_retried_and_delivered_once_it_is_back()
    {
        await app.EnableContinuityAsync(mail);
        var agent = await app.SignInNewAgentAsync();
        var (_, conversationId, email) = await VisitorWritesAsync("Do you sell gift cards?");
        await agent.ReplyAsync(conversationId, "Yes, from 10 euros.");
        app.Clock.Advance(TimeSpan.FromMinutes(10));

        await mail.StopSmtpAsync();
        try
        {
            await app.RunEmailWorkAsync();
            var queued = Assert.Single(await app.OutboxAsync(conversationId));
            Assert.Equal(OutboundEmailStatus.Queued, queued.Status);
            Assert.InRange(queued.DueAt!.Value - app.Clock.GetUtcNow(), OutboxDelivery.Backoff(1) - TimeSpan.FromMilliseconds(1), OutboxDelivery.Backoff(1));
            Assert.Equal(DeliveryOutcome.TemporaryFailure, Assert.Single(await app.AttemptsAsync(queued.Id)).Outcome);
        }
        finally
        {
            await mail.StartSmtpAsync();
        }
        await app.RunEmailWorkAsync();
        Assert.Equal(OutboundEmailStatus.Queued, Assert.Single(await app.OutboxAsync(conversationId)).Status);
        app.Clock.Advance(OutboxDelivery.Backoff(1));
        await app.RunEmailWorkAsync();

        Assert.Single(await EmailsToAsync(email, 1));
        var sent = Assert.Single(await app.OutboxAsync(conversationId));
        Assert.Equal(OutboundEmailStatus.Sent, sent.Status);
        Assert.Equal([DeliveryOutcome.TemporaryFailure, DeliveryOutcome.Delivered], (await app.AttemptsAsync(sent.Id)).Select(a => a.Outcome));
    }

    [Fact]
    public async Task An_email_claimed_by_a_server_that_died_before_sending_is_delivered_once_after_its_lease()
    {
        await app.EnableContinuityAsync(mail);
        var agent = await app.SignInNewAgentAsync();
        var (_, conversationId, email) = await VisitorWritesAsync("Is there a shop in Ghent?");
        await agent.ReplyAsync(conversationId, "Not yet, but we ship there.");
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await app.InScopeAsync(sp => sp.GetRequiredService<ContinuitySweep>().RunAsync(default));
        // What a claim leaves behind when its server dies before sending: Sending, one attempt counted, leased.
        var email0 = Assert.Single(await app.OutboxAsync(conversationId));
        await app.ClaimAsIfAServerDiedAsync(email0.Id);

        await app.RunEmailWorkAsync();
        Assert.Equal(OutboundEmailStatus.Sending, Assert.Single(await app.OutboxAsync(conversationId)).Status);
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        await app.RunEmailWorkAsync();

        Assert.Single(await EmailsToAsync(email, 1));
        var sent = Assert.Single(await app.OutboxAsync(conversationId));
        Assert.Equal(OutboundEmailStatus.Sent, sent.Status);
        Assert.Equal(2, sent.Attempts);
        Assert.Single(await app.AttemptsAsync(sent.Id));
    }

    [Fact]
    public async Task An_address_the_server_refuses_fails_the_email_and_is_marked_bouncing()
    {
        await app.EnableContinuityAsync(mail);
        var agent = await app.SignInNewAgentAsync();
        var visitor = await app.NewVisitorAsync();
        await visitor.SetEmailAsync("nobody@customer.test");
        var conversationId = (await visitor.StartConversationAsync("Hello")).Conversation.Id;
        await agent.ReplyAsync(conversationId, "Hi, how can we help?");
        app.Clock.Advance(TimeSpan.FromMinutes(10));

        await app.RunEmailWorkAsync();

        var failed = Assert.Single(await app.OutboxAsync(conversationId));
        Assert.Equal(OutboundEmailStatus.Failed, failed.Status);
        Assert.Contains("5.1.1", failed.LastResult);
        Assert.True((await app.EndUserAsync(visitor.EndUserId)).EmailBouncing);
    }

    [Fact]
    public async Task A_shorter_window_applies_to_conversations_already_waiting()
    {
        await app.EnableContinuityAsync(mail, windowMinutes: 15);
        var agent = await app.SignInNewAgentAsync();
        var (_, conversationId, email) = await VisitorWritesAsync("Any discounts this week?");
        await agent.ReplyAsync(conversationId, "10 % off all green teas.");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.RunEmailWorkAsync();
        Assert.Empty(await app.OutboxAsync(conversationId));

        await app.InScopeAsync(sp => sp.GetRequiredService<ContinuitySettings>().SetWindowAsync(5, default));
        await app.RunEmailWorkAsync();

        Assert.Single(await EmailsToAsync(email, 1));
    }

    [Fact]
    public async Task An_email_already_due_is_not_sent_once_continuous_conversations_are_off()
    {
        await app.EnableContinuityAsync(mail);
        var agent = await app.SignInNewAgentAsync();
        var (_, conversationId, _) = await VisitorWritesAsync("Can I pay by invoice?");
        await agent.ReplyAsync(conversationId, "Yes, for business customers.");
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await app.InScopeAsync(sp => sp.GetRequiredService<ContinuitySweep>().RunAsync(default));
        Assert.Equal(OutboundEmailStatus.Queued, Assert.Single(await app.OutboxAsync(conversationId)).Status);

        await app.InScopeAsync(sp => sp.GetRequiredService<ContinuitySettings>().TurnOffAsync(deactivateTrigger: true, default));
        await app.RunEmailWorkAsync();

        Assert.Equal(OutboundEmailStatus.Cancelled, Assert.Single(await app.OutboxAsync(conversationId)).Status);
    }

    [Fact]
    public async Task An_end_user_message_resets_the_window()
    {
        await app.EnableContinuityAsync(mail);
        var agent = await app.SignInNewAgentAsync();
        var (visitor, conversationId, _) = await VisitorWritesAsync("What about matcha?");
        await agent.ReplyAsync(conversationId, "We have two kinds.");
        app.Clock.Advance(TimeSpan.FromMinutes(9));
        await visitor.SendAsync(conversationId, "Which is sweeter?");
        app.Clock.Advance(TimeSpan.FromMinutes(2));

        await app.RunEmailWorkAsync();

        Assert.Empty(await app.OutboxAsync(conversationId));
        Assert.Null((await app.ConversationAsync(conversationId)).ContinuityWindowStartedAt);
    }

    [Fact]
    public async Task The_unsubscribe_link_only_asks_on_get_and_unsubscribes_on_the_one_click_post()
    {
        await app.EnableContinuityAsync(mail);
        var agent = await app.SignInNewAgentAsync();
        var (visitor, conversationId, email) = await VisitorWritesAsync("Do you have decaf?");
        await agent.ReplyAsync(conversationId, "Yes, a decaf Earl Grey.");
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await app.RunEmailWorkAsync();
        var received = Assert.Single(await EmailsToAsync(email, 1));
        var path = new Uri(received.Headers["List-Unsubscribe"]!.Trim('<', '>')).PathAndQuery;
        var client = app.Anonymous();

        var page = await client.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form method=\"post\">", await page.Content.ReadAsStringAsync());
        Assert.False((await app.EndUserAsync(visitor.EndUserId)).Unsubscribed);

        var oneClick = await client.PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(System.Net.HttpStatusCode.OK, oneClick.StatusCode);
        Assert.True((await app.EndUserAsync(visitor.EndUserId)).Unsubscribed);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.PostAsync(path[..^3] + "xyz", null)).StatusCode);
    }

    [Fact]
    public async Task The_continue_link_opens_the_conversation_in_the_messenger_on_another_device()
    {
        await app.EnableContinuityAsync(mail);
        var agent = await app.SignInNewAgentAsync();
        var (_, conversationId, email) = await VisitorWritesAsync("Is delivery free?");
        await agent.ReplyAsync(conversationId, "From 30 euros, yes.");
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await app.RunEmailWorkAsync();
        var received = Assert.Single(await EmailsToAsync(email, 1));
        var link = System.Text.RegularExpressions.Regex.Match(received.TextBody ?? "", @"https?://\S+/messenger/continue/([A-Za-z0-9_-]+)");
        var phone = app.Anonymous();

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.ClientOptions.BaseAddress };
        var landing = await browser.GetAsync(new Uri(link.Value).PathAndQuery);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, landing.StatusCode);
        Assert.Equal($"/conversation/index.html#parley-continue={link.Groups[1].Value}", landing.Headers.Location?.OriginalString);
        var session = await Expect.JsonAsync<Parley.Server.Widget.ContinueResponse>(
            await phone.PostAsJsonAsync("/messenger/v1/sessions/continue", new { token = link.Groups[1].Value }, ParleyApp.Json), System.Net.HttpStatusCode.Created);
        Assert.Equal(conversationId, session.ConversationId);
        var history = await app.VisitorWithToken(session.Token).HistoryAsync(conversationId);
        Assert.Contains(history, m => m.Text == "From 30 euros, yes.");

        var altered = link.Groups[1].Value[..^2] + (link.Groups[1].Value.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await phone.GetAsync($"/messenger/continue/{altered}")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound,
            (await phone.PostAsJsonAsync("/messenger/v1/sessions/continue", new { token = altered }, ParleyApp.Json)).StatusCode);
    }
}

public sealed class ContinuationEmailTests_Sqlite(SqliteApp app, MailServers mail)
    : ContinuationEmailTests(app, mail), IClassFixture<SqliteApp>, IClassFixture<MailServers>;

public sealed class ContinuationEmailTests_Postgres(PostgresApp app, MailServers mail)
    : ContinuationEmailTests(app, mail), IClassFixture<PostgresApp>, IClassFixture<MailServers>;
