using System.Globalization;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Parley.Core.Email.Outbound;

/// <summary>Where in a send a failure happened: only the message transaction itself can fail permanently.</summary>
internal enum SmtpPhase
{
    Connecting,
    Sending,
}

/// <summary>A classified failure, and whether the connection it happened on can carry the next message.</summary>
internal sealed record SmtpFailure(DeliveryResult Result, bool ConnectionUsable);

/// <summary>
/// Turns what went wrong into a delivery outcome. Permanent means the message itself was refused (a 5xx reply
/// about its recipients, size or content); everything about reaching, securing or signing in to the server
/// is temporary, because an admin fixes it and the mail must then go out rather than be marked as bouncing.
/// </summary>
internal static class SmtpFailures
{
    /// <summary>A message MailKit could not even try to send is refused before a connection is spent on it.</summary>
    public static DeliveryResult? CheckAddresses(MimeMessage message)
    {
        if (message.Sender is null && !message.From.Mailboxes.Any())
        {
            return DeliveryResult.Permanent("The message has no From or Sender address.");
        }
        if (!message.To.Mailboxes.Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes).Any())
        {
            return DeliveryResult.Permanent("The message has no recipients.");
        }
        return null;
    }

    public static string DeliveredDetail(string reply, IReadOnlyList<(MailboxAddress Mailbox, SmtpResponse Response)> refused) =>
        refused.Count == 0
            ? reply
            : reply + "; refused: " + string.Join("; ", refused.Select(r => Reply(r.Response.StatusCode, r.Response.Response)));

    /// <summary>The failure as a result, or null when it is not an SMTP or network failure (it then propagates).</summary>
    public static SmtpFailure? Classify(Exception e, SmtpPhase phase, SmtpSettings settings, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return null;
        }
        var failure = e switch
        {
            SmtpSignInException { InnerException: { } inner } => SignIn(inner, settings),
            SmtpCommandException command when phase == SmtpPhase.Sending => Command(command),
            SmtpCommandException command => Lost(Reply(command.StatusCode, command.Message) + $" (from {Server(settings)} while connecting)"),
            SslHandshakeException => Lost($"The TLS handshake with {Server(settings)} failed: {e.Message}"),
            SocketException socket => Lost($"Could not connect to {Server(settings)}: {Describe(socket)}."),
            NotSupportedException => Lost($"{e.Message} ({Server(settings)}; check the TLS mode and port)"),
            TimeoutException or OperationCanceledException => Lost($"No answer from {Server(settings)} in time ({e.Message})."),
            IOException or SmtpProtocolException or ServiceNotConnectedException => Lost(ConnectionFailed(e, settings)),
            _ => null,
        };
        return failure is null ? null : failure with { Result = Scrub(failure.Result, settings.Password) };
    }

    private static SmtpFailure Command(SmtpCommandException e)
    {
        var code = (int)e.StatusCode;
        var reply = Reply(e.StatusCode, e.Message);
        if (code == 421)
        {
            // 421: the server is closing this connection.
            return Lost(reply);
        }
        if (code < 500)
        {
            return new SmtpFailure(DeliveryResult.Temporary(reply), ConnectionUsable: true);
        }
        if (e.StatusCode == SmtpStatusCode.AuthenticationRequired)
        {
            return new SmtpFailure(DeliveryResult.Temporary(reply + " (the server wants a sign-in: set the SMTP user name and password)"), ConnectionUsable: true);
        }
        if (e.ErrorCode == SmtpErrorCode.SenderNotAccepted && e.StatusCode != SmtpStatusCode.ExceededStorageAllocation)
        {
            // The From address is ours: the server refusing it refuses every message until an admin changes it.
            return new SmtpFailure(DeliveryResult.Temporary(reply + " (the server refused the sender address)"), ConnectionUsable: true);
        }
        return new SmtpFailure(DeliveryResult.Permanent(reply), ConnectionUsable: true);
    }

    private static SmtpFailure SignIn(Exception inner, SmtpSettings settings)
    {
        var detail = inner switch
        {
            AuthenticationException => $"Signing in to {Server(settings)} as {settings.UserName} failed: {inner.Message} Check the SMTP user name and password.",
            NotSupportedException => $"{Server(settings)} offers no sign-in (AUTH) on this connection; check the TLS mode and port, or clear the user name.",
            SmtpCommandException command => $"Signing in to {Server(settings)} as {settings.UserName} failed: {Reply(command.StatusCode, command.Message)}",
            _ => $"Signing in to {Server(settings)} as {settings.UserName} failed: {inner.Message}",
        };
        return Lost(detail);
    }

    // MailKit's text for a dropped connection ends with the last reply it read, which may well be "250 Ok: queued".
    private static string ConnectionFailed(Exception e, SmtpSettings settings) =>
        e.Message.StartsWith("The SMTP server has unexpectedly disconnected", StringComparison.Ordinal)
            ? $"{Server(settings)} closed the connection."
            : $"The connection to {Server(settings)} failed: {e.Message}";

    private static SmtpFailure Lost(string detail) => new(DeliveryResult.Temporary(detail), ConnectionUsable: false);

    private static string Reply(SmtpStatusCode code, string text) => string.Create(CultureInfo.InvariantCulture, $"{(int)code} {text}");

    private static string Server(SmtpSettings settings) => string.Create(CultureInfo.InvariantCulture, $"{settings.Host}:{settings.Port}");

    private static string Describe(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused (is the server running, and is the port right?)",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found",
        SocketError.TimedOut => "timed out",
        SocketError.NetworkUnreachable or SocketError.HostUnreachable => "unreachable",
        _ => e.Message,
    };

    // Defence in depth: no server reply or library message should echo the password, but if one did it stops here.
    private static DeliveryResult Scrub(DeliveryResult result, string? password) =>
        string.IsNullOrEmpty(password) || !result.Detail.Contains(password, StringComparison.Ordinal)
            ? result
            : result with { Detail = result.Detail.Replace(password, "***", StringComparison.Ordinal) };
}
