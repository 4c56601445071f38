using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Parley.Bench.Continuity;

/// <summary>
/// The ceiling for Parley's delivery: the same finished messages sent with MailKit alone over one reused
/// connection, opened as INFRA.md says production code should (a socket with Nagle's algorithm off), with
/// no database in the way. Each message is parsed from its bytes just before it is sent, as Parley does.
/// </summary>
internal static class RawSmtp
{
    public static async Task<TimeSpan> SendAsync(string host, int port, IReadOnlyList<byte[]> messages, Action<int> progress, CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Parse(host), port, ct);
        using var client = new SmtpClient();
        await client.ConnectAsync(socket, host, port, SecureSocketOptions.None, ct);
        var started = Stopwatch.StartNew();
        for (var i = 0; i < messages.Count; i++)
        {
            var message = await MimeMessage.LoadAsync(new MemoryStream(messages[i]), ct);
            await client.SendAsync(message, ct);
            if ((i + 1) % 1000 == 0)
            {
                progress(i + 1);
            }
        }
        var elapsed = started.Elapsed;
        await client.DisconnectAsync(quit: true, ct);
        return elapsed;
    }
}
