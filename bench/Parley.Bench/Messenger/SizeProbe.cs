using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;

namespace Parley.Bench.Messenger;

/// <summary>One response from Parley's origin that the page received, in the order they arrived.</summary>
/// <param name="Path">The URL's path only: query strings can hold the session's access token.</param>
/// <param name="ResourceType">How Chromium loaded it (document, script, fetch, eventsource...).</param>
/// <param name="Encoding">The Content-Encoding Chromium was sent (it offers only gzip over plain http).</param>
/// <param name="AfterMessage">Arrived after the first message was shown: listed, not counted.</param>
internal sealed record LoadedResponse(string Method, string Path, string ResourceType, string ContentType, int Status, string Encoding, bool AfterMessage)
{
    public bool IsJavaScript => ResourceType == "script" || ContentType.Contains("javascript", StringComparison.OrdinalIgnoreCase);
    public bool IsStrings => Path.StartsWith("/messenger/i18n/", StringComparison.Ordinal) && Path.EndsWith(".json", StringComparison.Ordinal);
    public bool IsDocument => ResourceType == "document";
}

/// <summary>A static file as the server sends it when asked for each encoding (body bytes on the wire).</summary>
internal sealed record FileSize(LoadedResponse File, long Raw, long Gzip, long Brotli, string BrotliEncoding, bool HadContentLength);

/// <param name="BrowserAcceptEncoding">What Chromium offered when it asked for the page.</param>
internal sealed record SizeResult(IReadOnlyList<LoadedResponse> Responses, IReadOnlyList<FileSize> Files, double MessageShownMs, string BrowserAcceptEncoding)
{
    public const long BudgetBytes = 25 * 1024;

    public IEnumerable<FileSize> JavaScript => Files.Where(f => f.File.IsJavaScript && !f.File.AfterMessage);
    public IEnumerable<FileSize> Strings => Files.Where(f => f.File.IsStrings && !f.File.AfterMessage);
    public bool AllBrotli => Files.All(f => f.BrotliEncoding == "br");
}

/// <summary>
/// Loads the demo page, opens the panel, sends one message and waits until the server has stored it and the
/// panel shows it; records every response from Parley's origin on the way. Then asks the server for each
/// script and strings file again, once per encoding, to count the bytes it sends.
/// </summary>
internal static class SizeProbe
{
    public const string MessageText = "Hello, is the Harbour Blend good for espresso?";

    public static async Task<SizeResult> RunAsync(IBrowser browser, string baseUrl, CancellationToken ct)
    {
        var responses = new List<LoadedResponse>();
        var shown = false;
        double shownMs;
        string acceptEncoding;
        await using (var context = await browser.NewContextAsync(MessengerBench.ContextOptions()))
        {
            context.SetDefaultTimeout(15_000);
            var page = await context.NewPageAsync();
            page.Response += (_, response) =>
            {
                if (!response.Url.StartsWith(baseUrl + "/", StringComparison.Ordinal))
                {
                    return;
                }
                var headers = response.Headers;
                lock (responses)
                {
                    responses.Add(new LoadedResponse(
                        response.Request.Method,
                        new Uri(response.Url).AbsolutePath,
                        response.Request.ResourceType,
                        headers.TryGetValue("content-type", out var type) ? type : "",
                        response.Status,
                        headers.TryGetValue("content-encoding", out var encoding) ? encoding : "",
                        shown));
                }
            };

            var document = await page.GotoAsync(baseUrl + MessengerBench.DemoPath, new() { WaitUntil = WaitUntilState.Load })
                ?? throw new InvalidOperationException("The demo page gave no response.");
            acceptEncoding = (await document.Request.AllHeadersAsync()).GetValueOrDefault("accept-encoding", "");
            await page.Locator("parley-messenger button.launcher").ClickAsync();
            await page.Locator("parley-messenger .panel").WaitForAsync(new() { State = WaitForSelectorState.Visible });
            var composer = page.Locator("parley-messenger form.composer textarea");
            await composer.FillAsync(MessageText);
            await composer.PressAsync("Enter");
            // Stored: the server's copy (with its id) has replaced the pending one typed in the panel.
            await page.Locator("parley-messenger .msg[data-id]:not(.pending) .bubble", new() { HasTextString = MessageText })
                .WaitForAsync(new() { State = WaitForSelectorState.Visible });
            shownMs = await page.EvaluateAsync<double>("() => performance.now()");
            lock (responses)
            {
                shown = true;
            }
            // What the messenger loads right after (an email prompt's script, read receipts) is listed, not counted.
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }

        LoadedResponse[] seen;
        lock (responses)
        {
            seen = [.. responses];
        }
        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, UseProxy = false })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(15),
        };
        var files = new List<FileSize>();
        foreach (var file in seen.Where(r => (r.IsJavaScript || r.IsStrings || r.IsDocument) && r.Status == 200).DistinctBy(r => r.Path))
        {
            var (raw, _, rawLength) = await FetchAsync(http, file.Path, "identity", ct);
            var (gzip, _, gzipLength) = await FetchAsync(http, file.Path, "gzip", ct);
            var (brotli, brotliEncoding, brotliLength) = await FetchAsync(http, file.Path, "br", ct);
            files.Add(new FileSize(file, raw, gzip, brotli, brotliEncoding, rawLength && gzipLength && brotliLength));
        }
        return new SizeResult(seen, files, shownMs, acceptEncoding);
    }

    /// <summary>The bytes of the body as sent (Content-Length, checked against what arrived) and its encoding.</summary>
    private static async Task<(long Bytes, string Encoding, bool HadContentLength)> FetchAsync(HttpClient http, string path, string acceptEncoding, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(acceptEncoding));
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        var declared = response.Content.Headers.ContentLength;
        if (declared is { } length && length != body.Length)
        {
            throw new InvalidOperationException($"{path} ({acceptEncoding}) declared {length} bytes and sent {body.Length}.");
        }
        var encoding = string.Join(",", response.Content.Headers.ContentEncoding);
        return (body.Length, encoding.Length == 0 ? "identity" : encoding, declared is not null);
    }
}
