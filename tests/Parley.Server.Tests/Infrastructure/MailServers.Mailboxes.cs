using System.Diagnostics;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>Reading and filling the mailboxes as a person's mail client would: IMAP to read, SMTP to send.</summary>
public sealed partial class MailServers
{
    // Short, because delivery into the Maildir takes tens of milliseconds; the timeout bounds the wait.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Every message in the mailbox's inbox, oldest first.</summary>
    public async Task<IReadOnlyList<MimeMessage>> InboxAsync(string address)
    {
        using var client = await SignInAsync(address);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var messages = await FetchAllAsync(client.Inbox);
        await client.DisconnectAsync(quit: true);
        return messages;
    }

    /// <summary>
    /// Waits until the inbox holds at least <paramref name="count"/> messages and returns them all, oldest first.
    /// This waits on a real server outside the app, so it polls in real time (the app's clock has no say in it).
    /// </summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(string address, int count, TimeSpan timeout)
    {
        using var client = await SignInAsync(address);
        var inbox = client.Inbox;
        await inbox.OpenAsync(FolderAccess.ReadOnly);
        var waited = Stopwatch.StartNew();
        while (inbox.Count < count)
        {
            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"{address} held {inbox.Count} of {count} messages after {timeout.TotalSeconds:0.#} s. Postfix log:\n{LogTail()}");
            }
            await Task.Delay(PollInterval);
            // NOOP makes the server report messages that arrived since the last command.
            await client.NoOpAsync();
        }
        var messages = await FetchAllAsync(inbox);
        await client.DisconnectAsync(quit: true);
        return messages;
    }

    /// <summary>
    /// Waits until the inbox's messages satisfy <paramref name="done"/> (e.g. "one to each of these plus addresses")
    /// and returns them all; polls in real time like <see cref="WaitForMessagesAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string address, Func<IReadOnlyList<MimeMessage>, bool> done, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var messages = await InboxAsync(address);
            if (done(messages))
            {
                return messages;
            }
            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"{address} held {messages.Count} messages, not the ones awaited, after {timeout.TotalSeconds:0.#} s. Postfix log:\n{LogTail()}");
            }
            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Deletes every message in the mailbox's inbox, so a test sharing the servers starts from nothing.</summary>
    public async Task EmptyAsync(string address)
    {
        using var client = await SignInAsync(address);
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        if (client.Inbox.Count > 0)
        {
            await client.Inbox.StoreAsync(UniqueIdRange.All, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Deleted) { Silent = true });
            await client.Inbox.ExpungeAsync();
        }
        await client.DisconnectAsync(quit: true);
    }

    /// <summary>Hands a message to the SMTP server as any mail client would, e.g. a customer's reply to the support mailbox.</summary>
    public async Task SubmitAsync(MimeMessage message)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(SmtpHost, SmtpPort, SecureSocketOptions.None);
        await client.SendAsync(message);
        await client.DisconnectAsync(quit: true);
    }

    private async Task<ImapClient> SignInAsync(string address)
    {
        var client = new ImapClient();
        try
        {
            await client.ConnectAsync(SmtpHost, ImapPort, SecureSocketOptions.None);
            await client.AuthenticateAsync(address, Password);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task<IReadOnlyList<MimeMessage>> FetchAllAsync(IMailFolder folder)
    {
        var messages = new List<MimeMessage>(folder.Count);
        for (var i = 0; i < folder.Count; i++)
        {
            messages.Add(await folder.GetMessageAsync(i));
        }
        return messages;
    }

    private string LogTail() => string.Join('\n', SmtpLog().Split('\n').TakeLast(20));
}
