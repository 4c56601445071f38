using System.Net;
using System.Net.Sockets;
using MimeKit;
using MimeKit.Utils;
using Parley.Core.Email.Outbound;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Email;

/// <summary>Outbound SMTP against a real Postfix, read back over IMAP from a real Dovecot (PRODUCT.md §8).</summary>
public sealed class SmtpDeliveryTests(MailServers mail) : IClassFixture<MailServers>
{
    private const string Customer = "customer@customer.test";
    private const string Customer2 = "customer2@customer.test";
    private const string Customer3 = "customer3@customer.test";
    private const string Support = "support@support.test";
    private const string Unknown = "bounce-test@customer.test";

    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_sent_message_arrives_with_its_headers_and_both_parts()
    {
        await mail.EmptyAsync(Customer);
        var message = Message(Customer, "Ihre Unterhaltung mit Parley — neue Antwort");
        message.ReplyTo.Add(MailboxAddress.Parse("support+c-7f3a@support.test"));
        message.Headers.Add("X-Parley-Conversation", "7f3a");

        await using var delivery = SmtpDelivery.Open(mail.Smtp, TimeProvider.System);
        var result = await delivery.SendAsync(message, default);

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        Assert.Contains("queued as", result.Detail, StringComparison.Ordinal);
        var received = Assert.Single(await mail.WaitForMessagesAsync(Customer, 1, Arrival));
        Assert.Equal(message.MessageId, received.MessageId);
        Assert.Equal("Ihre Unterhaltung mit Parley — neue Antwort", received.Subject);
        Assert.Equal("\"Parley Support\" <support@support.test>", received.From.ToString());
        Assert.Equal(Customer, received.To.Mailboxes.Single().Address);
        Assert.Equal("support+c-7f3a@support.test", received.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal("7f3a", received.Headers["X-Parley-Conversation"]);
        Assert.Equal("multipart/alternative", received.Body!.ContentType.MimeType);
        Assert.Equal("Hallo! Sie haben eine Antwort.", received.TextBody?.Trim());
        Assert.Contains("<p>Hallo! Sie haben eine <b>Antwort</b>.</p>", received.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_messages_over_one_session_arrive_over_a_single_connection()
    {
        await mail.EmptyAsync(Customer2);
        var connectionsBefore = mail.SmtpConnectionCount();

        await using (var delivery = SmtpDelivery.Open(mail.Smtp, TimeProvider.System))
        {
            for (var i = 0; i < 40; i++)
            {
                var result = await delivery.SendAsync(Message(Customer2, $"Message {i}"), default);
                Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
            }
        }

        var received = await mail.WaitForMessagesAsync(Customer2, 40, Arrival);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"Message {i}").Order(), received.Select(m => m.Subject).Order());
        Assert.Equal(1, mail.SmtpConnectionCount() - connectionsBefore);
    }

    [Fact]
    public async Task Unknown_recipient_is_a_permanent_failure()
    {
        await using var delivery = SmtpDelivery.Open(mail.Smtp, TimeProvider.System);

        var result = await delivery.SendAsync(Message(Unknown, "Nobody reads this"), default);

        Assert.Equal(DeliveryOutcome.PermanentFailure, result.Outcome);
        Assert.StartsWith("550 5.1.1 <bounce-test@customer.test>", result.Detail, StringComparison.Ordinal);
        Assert.Contains("User unknown", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_refused_recipient_the_same_session_delivers_the_next_message()
    {
        await mail.EmptyAsync(Customer3);
        var connectionsBefore = mail.SmtpConnectionCount();
        await using var delivery = SmtpDelivery.Open(mail.Smtp, TimeProvider.System);

        var refused = await delivery.SendAsync(Message(Unknown, "Refused"), default);
        var delivered = await delivery.SendAsync(Message(Customer3, "Delivered"), default);

        Assert.Equal(DeliveryOutcome.PermanentFailure, refused.Outcome);
        Assert.Equal(DeliveryOutcome.Delivered, delivered.Outcome);
        Assert.Equal("Delivered", Assert.Single(await mail.WaitForMessagesAsync(Customer3, 1, Arrival)).Subject);
        Assert.Equal(1, mail.SmtpConnectionCount() - connectionsBefore);
    }

    [Fact]
    public async Task A_refused_recipient_among_others_does_not_keep_the_message_from_the_rest()
    {
        await mail.EmptyAsync(Customer3);
        var message = Message(Customer3, "To two people");
        message.Cc.Add(MailboxAddress.Parse(Unknown));
        await using var delivery = SmtpDelivery.Open(mail.Smtp, TimeProvider.System);

        var result = await delivery.SendAsync(message, default);

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        Assert.Contains("refused: 550 5.1.1 <bounce-test@customer.test>", result.Detail, StringComparison.Ordinal);
        Assert.Equal("To two people", Assert.Single(await mail.WaitForMessagesAsync(Customer3, 1, Arrival)).Subject);
    }

    [Fact]
    public async Task While_SMTP_is_down_sending_fails_temporarily_and_the_same_session_delivers_once_it_is_back()
    {
        await mail.EmptyAsync(Support);
        await using var delivery = SmtpDelivery.Open(mail.Smtp, TimeProvider.System);
        Assert.Equal(DeliveryOutcome.Delivered, (await delivery.SendAsync(Message(Support, "Before"), default)).Outcome);

        await mail.StopSmtpAsync();
        DeliveryResult onDroppedConnection, whileDown;
        try
        {
            onDroppedConnection = await delivery.SendAsync(Message(Support, "Dropped"), default);
            whileDown = await delivery.SendAsync(Message(Support, "Down"), default);
        }
        finally
        {
            await mail.StartSmtpAsync();
        }
        var afterwards = await delivery.SendAsync(Message(Support, "After"), default);

        Assert.Equal(DeliveryOutcome.TemporaryFailure, onDroppedConnection.Outcome);
        Assert.DoesNotContain("queued", onDroppedConnection.Detail, StringComparison.Ordinal);
        Assert.Equal(DeliveryOutcome.TemporaryFailure, whileDown.Outcome);
        Assert.Contains($"Could not connect to {mail.SmtpHost}:{mail.SmtpPort}: connection refused", whileDown.Detail, StringComparison.Ordinal);
        Assert.Equal(DeliveryOutcome.Delivered, afterwards.Outcome);
        var received = await mail.WaitForMessagesAsync(Support, 2, Arrival);
        Assert.Equal(["Before", "After"], received.Select(m => m.Subject));
    }

    [Fact]
    public async Task Check_connects_to_the_live_server_and_sends_the_test_message()
    {
        await mail.EmptyAsync(Customer);

        var connected = await SmtpDelivery.CheckAsync(mail.Smtp, null, default);
        var sent = await SmtpDelivery.CheckAsync(mail.Smtp, Message(Customer, "Parley test email"), default);

        Assert.Equal(DeliveryOutcome.Delivered, connected.Outcome);
        Assert.Equal($"Connected to {mail.SmtpHost}:{mail.SmtpPort}.", connected.Detail);
        Assert.Equal(DeliveryOutcome.Delivered, sent.Outcome);
        Assert.Equal("Parley test email", Assert.Single(await mail.WaitForMessagesAsync(Customer, 1, Arrival)).Subject);
    }

    [Fact]
    public async Task Check_against_a_closed_port_fails_temporarily_saying_the_connection_was_refused()
    {
        var closedPort = TestProcesses.FreePort();

        var result = await SmtpDelivery.CheckAsync(new SmtpSettings("127.0.0.1", closedPort, SmtpTlsMode.None, null, null), null, default);

        Assert.Equal(DeliveryOutcome.TemporaryFailure, result.Outcome);
        Assert.Equal($"Could not connect to 127.0.0.1:{closedPort}: connection refused (is the server running, and is the port right?).", result.Detail);
    }

    [Fact]
    public async Task Check_signs_in_with_the_right_password()
    {
        var result = await SmtpDelivery.CheckAsync(mail.SmtpSignedInAs(Support), null, default);

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        Assert.EndsWith($"and signed in as {Support}.", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_fails_temporarily_with_advice_and_without_the_password()
    {
        const string wrong = "Wr0ng-Secret-4711";
        await using var delivery = SmtpDelivery.Open(mail.SmtpSignedInAs(Support, wrong), TimeProvider.System);

        var result = await delivery.SendAsync(Message(Customer, "Never sent"), default);

        Assert.Equal(DeliveryOutcome.TemporaryFailure, result.Outcome);
        Assert.Contains($"Signing in to {mail.SmtpHost}:{mail.SmtpPort} as {Support} failed", result.Detail, StringComparison.Ordinal);
        Assert.Contains("Check the SMTP user name and password.", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, mail.SmtpSignedInAs(Support, wrong).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requiring_STARTTLS_from_a_server_without_it_fails_temporarily()
    {
        var result = await SmtpDelivery.CheckAsync(mail.Smtp with { Tls = SmtpTlsMode.StartTls }, null, default);

        Assert.Equal(DeliveryOutcome.TemporaryFailure, result.Outcome);
        Assert.Contains("STARTTLS", result.Detail, StringComparison.Ordinal);
        Assert.Contains("check the TLS mode and port", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_never_answers_fails_temporarily_within_the_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var settings = new SmtpSettings("127.0.0.1", port, SmtpTlsMode.None, null, null, TimeSpan.FromMilliseconds(300));

        var result = await SmtpDelivery.CheckAsync(settings, null, default);

        Assert.Equal(DeliveryOutcome.TemporaryFailure, result.Outcome);
        Assert.Contains($"127.0.0.1:{port}", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_without_recipients_is_refused_without_connecting()
    {
        var connectionsBefore = mail.SmtpConnectionCount();
        var message = Message(Customer, "Nowhere");
        message.To.Clear();
        await using var delivery = SmtpDelivery.Open(mail.Smtp, TimeProvider.System);

        var result = await delivery.SendAsync(message, default);

        Assert.Equal(DeliveryOutcome.PermanentFailure, result.Outcome);
        Assert.Equal("The message has no recipients.", result.Detail);
        Assert.Equal(connectionsBefore, mail.SmtpConnectionCount());
    }

    private static MimeMessage Message(string to, string subject)
    {
        var message = new MimeMessage { Subject = subject, MessageId = MimeUtils.GenerateMessageId("parley.test") };
        message.From.Add(new MailboxAddress("Parley Support", Support));
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new BodyBuilder
        {
            TextBody = "Hallo! Sie haben eine Antwort.",
            HtmlBody = "<html><body><p>Hallo! Sie haben eine <b>Antwort</b>.</p></body></html>",
        }.ToMessageBody();
        return message;
    }
}
