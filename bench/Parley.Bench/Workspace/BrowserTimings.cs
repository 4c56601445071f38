using System.Globalization;
using Microsoft.Playwright;
using Parley.Bench.Messenger;

namespace Parley.Bench.Workspace;

/// <summary>
/// The workspace in headless Chromium, timed inside the page. A condition ("50 rows listed", "the timeline
/// holds 500 messages") is checked once per animation frame and the time kept is performance.now() of the
/// first frame that shows it: for page loads counted from navigation start, for clicks from the click.
/// </summary>
internal sealed class BrowserTimings(IBrowser browser, string baseUrl)
{
    private const string Probe = """
        (() => {
          if (window.top !== window) return;
          // Resolves with performance.now() of the first animation frame in which test() holds, or -1 after 30 s.
          window.__parleyWhen = (test) => new Promise(resolve => {
            const start = performance.now();
            const check = () => {
              if (test()) resolve(performance.now());
              else if (performance.now() - start < 30000) requestAnimationFrame(check);
              else resolve(-1);
            };
            requestAnimationFrame(check);
          });
          window.__parleyQueueShown = () => document.querySelectorAll('.pw-row').length > 0;
          window.__parleyTimelineShown = (count) => document.querySelector('[data-testid=timeline]')?.dataset.count === String(count);
          window.__parleyLive = () => document.querySelector('[data-live=true]') !== null;
        })();
        """;

    private string? _storage;

    /// <summary>Signs the agent in through the real form once; later contexts start with its cookie.</summary>
    public async Task SignInAsync(string email, string password)
    {
        await using var context = await browser.NewContextAsync(Options(null));
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl + "/workspace/sign-in");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/workspace");
        _storage = await context.StorageStateAsync();
    }

    /// <summary>The agent's cookie header, for plain HTTP requests as the same agent.</summary>
    public string CookieHeader()
    {
        using var state = System.Text.Json.JsonDocument.Parse(_storage ?? throw new InvalidOperationException("Not signed in."));
        return string.Join("; ", state.RootElement.GetProperty("cookies").EnumerateArray()
            .Select(c => $"{c.GetProperty("name").GetString()}={c.GetProperty("value").GetString()}"));
    }

    /// <summary>
    /// Loads <paramref name="path"/> in a fresh context (empty cache, new circuit) <paramref name="repeats"/>
    /// times after <paramref name="warmups"/> unmeasured loads: when the content was first shown (the
    /// prerendered HTML painted) and when the page was live (its circuit connected and rendered).
    /// </summary>
    public async Task<(Spread Shown, Spread Live)> ColdLoadsAsync(string path, string shownTest, int repeats, int warmups, CancellationToken ct)
    {
        var shown = new List<double>();
        var live = new List<double>();
        for (var i = -warmups; i < repeats; i++)
        {
            ct.ThrowIfCancellationRequested();
            await using var context = await browser.NewContextAsync(Options(_storage));
            await context.AddInitScriptAsync(Probe + $"\nwindow.__parleyShownAt = window.__parleyWhen(() => {shownTest}); window.__parleyLiveAt = window.__parleyWhen(() => window.__parleyLive() && ({shownTest}));");
            var page = await context.NewPageAsync();
            await page.GotoAsync(baseUrl + path);
            var s = await page.EvaluateAsync<double>("() => window.__parleyShownAt");
            var l = await page.EvaluateAsync<double>("() => window.__parleyLiveAt");
            if (s < 0 || l < 0)
            {
                throw new InvalidOperationException($"{path} never showed what was waited for.");
            }
            if (i >= 0)
            {
                shown.Add(s);
                live.Add(l);
            }
        }
        return (Spread.Of(shown), Spread.Of(live));
    }

    /// <summary>From the queue's first page, clicks "Next page" <paramref name="pages"/> times; each from the click to the new rows shown.</summary>
    public async Task<Spread> NextPagesAsync(int pages, CancellationToken ct)
    {
        await using var context = await browser.NewContextAsync(Options(_storage));
        await context.AddInitScriptAsync(Probe);
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl + "/workspace/views/unassigned");
        await page.WaitForFunctionAsync("() => window.__parleyLive() && window.__parleyQueueShown()");
        var times = new List<double>();
        for (var i = 0; i < pages; i++)
        {
            ct.ThrowIfCancellationRequested();
            var ms = await page.EvaluateAsync<double>("""
                async () => {
                  const first = document.querySelector('.pw-row')?.dataset.conversation;
                  const t0 = performance.now();
                  const shown = window.__parleyWhen(() => { const now = document.querySelector('.pw-row')?.dataset.conversation; return now && now !== first; });
                  document.querySelector('[data-testid=pager-next]').click();
                  const at = await shown;
                  return at < 0 ? -1 : at - t0;
                }
                """);
            if (ms < 0)
            {
                throw new InvalidOperationException($"Page {i + 2} of the queue was not shown.");
            }
            times.Add(ms);
        }
        return Spread.Of(times);
    }

    /// <summary>
    /// Opens the conversation from the queue, as an agent clicks its row, <paramref name="repeats"/> times
    /// after two unmeasured opens: from the click to the timeline holding all <paramref name="messages"/>.
    /// </summary>
    public async Task<Spread> OpenFromQueueAsync(Guid conversation, int messages, int repeats, CancellationToken ct)
    {
        await using var context = await browser.NewContextAsync(Options(_storage));
        await context.AddInitScriptAsync(Probe);
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl + "/workspace/views/unassigned");
        await page.WaitForFunctionAsync("() => window.__parleyLive() && window.__parleyQueueShown()");
        var times = new List<double>();
        for (var i = -2; i < repeats; i++)
        {
            ct.ThrowIfCancellationRequested();
            var ms = await page.EvaluateAsync<double>("""
                async ({ id, messages }) => {
                  const t0 = performance.now();
                  const shown = window.__parleyWhen(() => location.pathname.endsWith(id) && window.__parleyTimelineShown(messages));
                  document.querySelector(`.pw-row[data-conversation="${id}"] a`).click();
                  const at = await shown;
                  return at < 0 ? -1 : at - t0;
                }
                """, new { id = conversation.ToString(), messages });
            if (ms < 0)
            {
                throw new InvalidOperationException("The long conversation did not open.");
            }
            if (i >= 0)
            {
                times.Add(ms);
            }
            // Back to the queue by its link in the navigation, as an agent would.
            await page.Locator(".pw-view[data-view=unassigned]").ClickAsync();
            await page.WaitForFunctionAsync($"() => document.querySelector('.pw-row[data-conversation=\"{conversation}\"]') !== null");
        }
        return Spread.Of(times);
    }

    private static BrowserNewContextOptions Options(string? storage) => new()
    {
        Locale = "en-US",
        ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        StorageState = storage,
    };

    public static string TimelineTest(int messages) => string.Create(CultureInfo.InvariantCulture, $"window.__parleyTimelineShown({messages})");

    public const string QueueTest = "window.__parleyQueueShown()";
}
