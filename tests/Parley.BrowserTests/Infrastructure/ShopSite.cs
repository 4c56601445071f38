using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Parley.BrowserTests.Infrastructure;

/// <summary>
/// A business's own website on another origin than Parley (another loopback port), serving one page
/// that embeds the messenger with the documented script tag.
/// </summary>
public sealed class ShopSite : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly string _page;

    public ShopSite(Uri parley)
    {
        var port = FreePort();
        Origin = $"http://127.0.0.1:{port}";
        _page = $"""<!doctype html><html lang="en"><head><title>Shop</title></head><body><h1>Shop</h1><script type="module" src="{parley}messenger/messenger.js"></script></body></html>""";
        _listener.Prefixes.Add(Origin + "/");
        _listener.Start();
        _serving = ServeAsync();
    }

    public string Origin { get; }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            var body = Encoding.UTF8.GetBytes(_page);
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}
