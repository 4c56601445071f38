using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Parley.Core.Email.Outbound;

namespace Parley.Core.Email.Inbound;

/// <summary>Where and how a support mailbox is read over IMAP.</summary>
public sealed record ImapSettings(string Host, int Port, SmtpTlsMode Tls, string UserName, string Password, string Folder)
{
    public override string ToString() => $"{UserName}@{Host}:{Port}/{Folder}";
}

/// <summary>Connecting to a support mailbox and opening its folder, with errors in words an admin can act on.</summary>
public static class ImapMailbox
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>A signed-in client with the folder open for reading and flagging.</summary>
    public static async Task<(ImapClient Client, IMailFolder Folder)> OpenAsync(ImapSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var client = new ImapClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, settings.Tls.ToSocketOptions(), ct);
            await client.AuthenticateAsync(settings.UserName, settings.Password, ct);
            var folder = settings.Folder.Equals("INBOX", StringComparison.OrdinalIgnoreCase)
                ? client.Inbox
                : await client.GetFolderAsync(settings.Folder, ct);
            await folder.OpenAsync(FolderAccess.ReadWrite, ct);
            return (client, folder);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>The admin's inbound check: connect, sign in, open the folder; the result says what was found or what went wrong.</summary>
    public static async Task<(bool Ok, string Detail)> CheckAsync(ImapSettings settings, CancellationToken ct)
    {
        try
        {
            var (client, folder) = await OpenAsync(settings, ct);
            using (client)
            {
                var detail = $"Signed in to {settings.Host}:{settings.Port} as {settings.UserName}; {folder.FullName} holds {folder.Count} messages"
                    + (client.Capabilities.HasFlag(ImapCapabilities.Idle) ? " and new mail is announced at once (IDLE)." : "; the server has no IDLE, so Parley looks every few seconds.");
                await client.DisconnectAsync(quit: true, ct);
                return (true, detail);
            }
        }
        catch (Exception e) when (Describe(e, settings) is { } why)
        {
            return (false, why);
        }
    }

    /// <summary>A failure in words for the admin, or null for one that is not about the mailbox (cancellation).</summary>
    public static string? Describe(Exception e, ImapSettings settings) => e switch
    {
        OperationCanceledException => null,
        AuthenticationException => $"{settings.Host} refused the user name or password for {settings.UserName}.",
        FolderNotFoundException => $"There is no folder {settings.Folder} in this mailbox.",
        SslHandshakeException => $"The TLS handshake with {settings.Host}:{settings.Port} failed; check the port and the security setting.",
        System.Net.Sockets.SocketException s => $"Could not connect to {settings.Host}:{settings.Port} ({s.SocketErrorCode}).",
        ImapProtocolException or ImapCommandException or IOException or TimeoutException => $"The IMAP server {settings.Host} failed: {e.Message}",
        _ => null,
    };
}
