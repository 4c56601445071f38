using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Parley.Core.Conversations;
using Parley.Core.Data;
using Parley.Core.Email;
using Parley.Core.Email.Inbound;
using Parley.Core.Email.Outbound;
using Parley.Server.Tests.Continuity;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Email.Inbound;

/// <summary>
/// The whole round trip with real mail servers: the continuation email reaches the customer's mailbox, the
/// customer replies from it over SMTP, Postfix delivers the reply to the support mailbox, and Parley's
/// mailbox reader brings it into the conversation over IMAP (Dovecot).
/// </summary>
public abstract class MailboxReaderTests(ParleyApp app, MailServers mail)
{
    private const string Customer = "customer@customer.test";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private async Task<Guid> ReadSupportMailboxOverImapAsync()
    {
        await app.EnableContinuityAsync(mail);
        return await app.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var id = await db.SupportAddresses.Where(a => a.Address == InboundDriver.SupportAddress).Select(a => a.Id).SingleAsync();
        await sp.GetRequiredService<InboundSettings>().SetAsync(id,
            new InboundRouteInput(InboundRoute.Imap, mail.SmtpHost, mail.ImapPort, SmtpTlsMode.None, InboundDriver.SupportAddress, MailServers.Password, "INBOX"), default);
        var check = await sp.GetRequiredService<InboundSettings>().CheckAsync(id, default);
        Assert.True(check.LastCheckSucceeded, check.LastCheckDetail);
        return id;
    });
    }

    /// <summary>The mailbox reader running as the worker runs it, until the test is done with it.</summary>
    private sealed class RunningReader(Task<MailboxReader.Ended> reading, CancellationTokenSource stop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await reading;
            stop.Dispose();
        }
    }

    private RunningReader StartReader(Guid supportAddressId, string owner = "test-server")
    {
        var stop = new CancellationTokenSource();
        var reading = Task.Run(() => app.InScopeAsync(async sp =>
        {
            try
            {
                return await sp.GetRequiredService<MailboxReader>().ReadAsync(supportAddressId, owner, stop.Token);
            }
            catch (OperationCanceledException)
            {
                return MailboxReader.Ended.Stopped;
            }
        }));
        return new RunningReader(reading, stop);
    }

    /// <summary>Waits in real time (the mail servers are outside the app's clock) until the conversation holds the texts.</summary>
    private async Task<IReadOnlyList<MessageView>> WaitForMessagesAsync(EmailedConversation c, Func<IReadOnlyList<MessageView>, bool> done)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var messages = await c.Agent.MessagesAsync(c.ConversationId);
            if (done(messages))
            {
                return messages;
            }
            Assert.True(waited.Elapsed < Wait, $"The conversation held {messages.Count} messages; the awaited reply did not arrive. Inbound: "
                + string.Join("; ", (await app.InboundEmailsAsync()).Select(e => $"{e.Status} {e.Subject} {e.Detail}")));
            await Task.Delay(50);
        }
    }

    /// <summary>The customer's reply to the email they received, as their mail client sends it.</summary>
    private MimeMessage ReplyTo(MimeMessage received, string text) => DevelopmentReply.To(received, text, app.Clock.GetUtcNow());

    private async Task<(EmailedConversation Conversation, MimeMessage Received)> EmailedAsync()
    {
        var c = await app.EmailedConversationAsync(mail);
        var received = (await mail.WaitForAsync(Customer, all => all.Any(m => m.MessageId == c.SentMessageId), Wait)).Single(m => m.MessageId == c.SentMessageId);
        return (c, received);
    }

    [Fact]
    public async Task The_customers_reply_from_their_mailbox_reaches_the_conversation_through_the_support_mailbox()
    {
        var supportAddressId = await ReadSupportMailboxOverImapAsync();
        var (c, received) = await EmailedAsync();
        await using var reader = StartReader(supportAddressId);

        await mail.SubmitAsync(ReplyTo(received, "Lovely, two packs please."));

        var messages = await WaitForMessagesAsync(c, all => all.Any(m => m.Text == "Lovely, two packs please."));
        var reply = messages.Single(m => m.Text == "Lovely, two packs please.");
        Assert.Equal((MessageAuthorKind.EndUser, MessageChannel.Email), (reply.AuthorKind, reply.Channel));
        var stored = (await app.InboundEmailsAsync()).Single(e => e.PostedMessageId == reply.Id);
        Assert.Equal((InboundSource.Imap, "reply-token"), (stored.Source, stored.RoutedBy));
    }

    [Fact]
    public async Task A_restart_mid_mailbox_neither_loses_nor_repeats_a_reply()
    {
        var supportAddressId = await ReadSupportMailboxOverImapAsync();
        var (c, received) = await EmailedAsync();
        var texts = new[] { "First reply.", "Second reply.", "Third reply." };
        await using (StartReader(supportAddressId))
        {
            foreach (var text in texts)
            {
                await mail.SubmitAsync(ReplyTo(received, text));
            }
            await WaitForMessagesAsync(c, all => texts.All(t => all.Any(m => m.Text == t)));
        }
        // As if the server died after handling the last two replies but before recording them in the checkpoint.
        await app.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().MailboxCheckpoints.Where(x => x.SupportAddressId == supportAddressId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.LastUid, x => x.LastUid - 2)));

        await using (StartReader(supportAddressId, owner: "restarted-server"))
        {
            await mail.SubmitAsync(ReplyTo(received, "Fourth reply, after the restart."));
            await WaitForMessagesAsync(c, all => all.Any(m => m.Text == "Fourth reply, after the restart."));
        }

        var messages = await c.Agent.MessagesAsync(c.ConversationId);
        foreach (var text in texts.Append("Fourth reply, after the restart."))
        {
            Assert.Single(messages, m => m.Text == text);
        }
    }

    [Fact]
    public async Task Only_one_server_reads_a_support_mailbox_at_a_time()
    {
        var supportAddressId = await ReadSupportMailboxOverImapAsync();
        await using var first = StartReader(supportAddressId, owner: "server-a");
        var waited = Stopwatch.StartNew();
        while (await app.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().MailboxCheckpoints.AnyAsync(x => x.SupportAddressId == supportAddressId && x.LeaseOwner == "server-a")) is false)
        {
            Assert.True(waited.Elapsed < Wait, "The first server never took the mailbox.");
            await Task.Delay(20);
        }

        var second = await app.InScopeAsync(sp => sp.GetRequiredService<MailboxReader>().ReadAsync(supportAddressId, "server-b", default));

        Assert.Equal(MailboxReader.Ended.NotOurs, second);
    }

    [Fact]
    public async Task A_wrong_password_is_reported_in_words_on_the_inbound_check()
    {
        var supportAddressId = await ReadSupportMailboxOverImapAsync();
        var check = await app.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<InboundSettings>().SetAsync(supportAddressId,
                new InboundRouteInput(InboundRoute.Imap, mail.SmtpHost, mail.ImapPort, SmtpTlsMode.None, InboundDriver.SupportAddress, "wrong-password", "INBOX"), default);
            return await sp.GetRequiredService<InboundSettings>().CheckAsync(supportAddressId, default);
        });

        Assert.False(check.LastCheckSucceeded);
        Assert.Contains("refused the user name or password", check.LastCheckDetail);
    }
}

public sealed class MailboxReaderTests_Sqlite(SqliteApp app, MailServers mail)
    : MailboxReaderTests(app, mail), IClassFixture<SqliteApp>, IClassFixture<MailServers>;

public sealed class MailboxReaderTests_Postgres(PostgresApp app, MailServers mail)
    : MailboxReaderTests(app, mail), IClassFixture<PostgresApp>, IClassFixture<MailServers>;
