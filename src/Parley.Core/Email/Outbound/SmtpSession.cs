using System.Globalization;
using MimeKit;

namespace Parley.Core.Email.Outbound;

/// <summary>One SMTP connection reused for a batch of messages; reopened lazily after it failed or was dropped.</summary>
internal sealed class SmtpSession(SmtpSettings settings, TimeProvider clock) : IMailDelivery
{
    // Servers drop idle clients (Postfix after 300 s, some much sooner); a NOOP first avoids spending a message on a dead line.
    private static readonly TimeSpan ProbeWhenIdleFor = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private RecordingSmtpClient? _client;
    private DateTimeOffset _lastUsed;
    private bool _disposed;

    public async Task<DeliveryResult> SendAsync(MimeMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (SmtpFailures.CheckAddresses(message) is { } unusable)
        {
            return unusable;
        }
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        var phase = SmtpPhase.Connecting;
        try
        {
            var client = await UsableClientAsync(ct).ConfigureAwait(false);
            phase = SmtpPhase.Sending;
            client.ForgetRefusals();
            var reply = await client.SendAsync(message, ct).ConfigureAwait(false);
            _lastUsed = clock.GetUtcNow();
            return DeliveryResult.Delivered(SmtpFailures.DeliveredDetail(reply, client.Refused));
        }
        catch (Exception e) when (SmtpFailures.Classify(e, phase, settings, ct) is { } failure)
        {
            if (!failure.ConnectionUsable || _client is not { IsConnected: true })
            {
                Drop();
            }
            return failure.Result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Connects and signs in without sending: the admin's check of the settings alone.</summary>
    public async Task<DeliveryResult> ConnectAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var client = await UsableClientAsync(ct).ConfigureAwait(false);
            var how = client.IsSecure ? " over TLS" : "";
            var who = client.IsAuthenticated ? $" and signed in as {settings.UserName}" : "";
            return DeliveryResult.Delivered(string.Create(CultureInfo.InvariantCulture, $"Connected to {settings.Host}:{settings.Port}{how}{who}."));
        }
        catch (Exception e) when (SmtpFailures.Classify(e, SmtpPhase.Connecting, settings, ct) is { } failure)
        {
            Drop();
            return failure.Result;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_client is { IsConnected: true } client)
            {
                // QUIT politely, but never wait long for a server that is going away anyway.
                using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(2), clock);
                try
                {
                    await client.DisconnectAsync(quit: true, quit.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (SmtpFailures.Classify(e, SmtpPhase.Sending, settings, CancellationToken.None) is not null)
                {
                }
            }
            Drop();
        }
        finally
        {
            _gate.Release();
            _gate.Dispose();
        }
    }

    private async Task<RecordingSmtpClient> UsableClientAsync(CancellationToken ct)
    {
        if (_client is { IsConnected: true } open)
        {
            if (clock.GetUtcNow() - _lastUsed < ProbeWhenIdleFor)
            {
                return open;
            }
            try
            {
                await open.NoOpAsync(ct).ConfigureAwait(false);
                _lastUsed = clock.GetUtcNow();
                return open;
            }
            catch (Exception e) when (!ct.IsCancellationRequested && SmtpFailures.Classify(e, SmtpPhase.Sending, settings, ct) is not null)
            {
                // Dropped while idle; no message was at stake, so simply open a new connection.
            }
        }
        Drop();
        _client = await OpenAsync(ct).ConfigureAwait(false);
        _lastUsed = clock.GetUtcNow();
        return _client;
    }

    private async Task<RecordingSmtpClient> OpenAsync(CancellationToken ct)
    {
        var timeout = settings.EffectiveTimeout;
        using var deadline = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        var client = new RecordingSmtpClient { Timeout = (int)Math.Min(int.MaxValue, timeout.TotalMilliseconds) };
        try
        {
            var socket = await SmtpSocket.ConnectAsync(settings.Host, settings.Port, linked.Token).ConfigureAwait(false);
            try
            {
                await client.ConnectAsync(socket, settings.Host, settings.Port, settings.Tls.ToSocketOptions(), linked.Token).ConfigureAwait(false);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                try
                {
                    await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", linked.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    throw new SmtpSignInException(e);
                }
            }
            return client;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            client.Dispose();
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"connecting took over {timeout.TotalSeconds:0.###} s"));
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private void Drop()
    {
        _client?.Dispose();
        _client = null;
    }
}
