using System.Net;
using System.Net.Sockets;

namespace Parley.Core.Email.Outbound;

/// <summary>Opens the TCP connection that MailKit then speaks SMTP over.</summary>
internal static class SmtpSocket
{
    /// <summary>
    /// Connects with Nagle's algorithm off. MailKit's own connect leaves it on, and its small SMTP writes then
    /// wait on the server's delayed ACKs: about 22 messages/s over one connection instead of about 274 (INFRA.md).
    /// Tries each address of the host in turn, as a TcpClient would, so IPv4-only and IPv6 hosts both work.
    /// </summary>
    public static async Task<Socket> ConnectAsync(string host, int port, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct).ConfigureAwait(false);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address, port, ct).ConfigureAwait(false);
                return socket;
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }
}
