using System.Text.Json;
using Microsoft.Playwright;

namespace Parley.Bench.Messenger;

/// <summary>One page load, in milliseconds from navigation start as the page's own clock tells them.</summary>
internal sealed record PageLoad(
    double Html, double FirstContentfulPaint, double DomContentLoaded, double Load,
    double ScriptsStart, double ScriptsEnd, double ConfigEnd, double StringsEnd, double Launcher);

/// <summary>The loads of one kind: fresh contexts (cold cache) or reloads in one context (warm cache).</summary>
internal sealed record LoadRun(string Kind, string Description, IReadOnlyList<PageLoad> Loads)
{
    /// <summary>Busy cores over the run (server / browser side / rest of the machine).</summary>
    public CpuSplit? Cpu { get; init; }
}

/// <summary>Latency figures in milliseconds: nearest-rank p50 and p95, and the maximum.</summary>
internal sealed record Spread(int Count, double P50, double P95, double Max)
{
    public static Spread Of(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).ToArray();
        if (sorted.Length == 0)
        {
            return new Spread(0, double.NaN, double.NaN, double.NaN);
        }
        Array.Sort(sorted);
        return new Spread(sorted.Length, At(sorted, 0.50), At(sorted, 0.95), sorted[^1]);
    }

    private static double At(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>
/// Time from navigation start to the launcher being visible, measured inside the page: a script added to
/// every document before the page's own scripts polls once per animation frame for the launcher in the
/// messenger's shadow root with a non-zero box and visibility "visible", and keeps performance.now() of the
/// first frame that has it. The page's first contentful paint and load event are read in the same load.
/// </summary>
internal static class LauncherTiming
{
    public const string AimMs = "300";

    private const string Probe = """
        (() => {
          if (window.top !== window) return;
          const check = () => {
            const launcher = document.querySelector('parley-messenger')?.shadowRoot?.querySelector('.launcher');
            if (launcher) {
              const box = launcher.getBoundingClientRect();
              if (box.width > 0 && box.height > 0 && getComputedStyle(launcher).visibility === 'visible') {
                window.__parleyLauncherVisibleAt = performance.now();
                return;
              }
            }
            // Bounded: a page whose launcher never shows stops polling after 30 s.
            if (performance.now() < 30000) requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        })();
        """;

    private const string Read = """
        () => {
          const nav = performance.getEntriesByType('navigation')[0];
          const fcp = performance.getEntriesByName('first-contentful-paint')[0];
          const resources = performance.getEntriesByType('resource').map(r => ({ path: new URL(r.name).pathname, start: r.startTime, end: r.responseEnd }));
          const pick = (test) => resources.filter(r => test(r.path));
          const last = (xs) => xs.length ? Math.max(...xs.map(r => r.end)) : -1;
          const scripts = pick(p => /^\/messenger\/[^/]+\.js$/.test(p));
          return {
            html: nav.responseEnd,
            fcp: fcp ? fcp.startTime : -1,
            domContentLoaded: nav.domContentLoadedEventStart,
            load: nav.loadEventStart,
            scriptsStart: scripts.length ? Math.min(...scripts.map(r => r.start)) : -1,
            scriptsEnd: last(scripts),
            configEnd: last(pick(p => p === '/messenger/v1/config')),
            stringsEnd: last(pick(p => p.startsWith('/messenger/i18n/'))),
            launcher: window.__parleyLauncherVisibleAt ?? -1,
          };
        }
        """;

    /// <summary>Unmeasured loads in fresh contexts before the cold ones, so the server has run every path once.</summary>
    public const int WarmupLoads = 2;

    public static async Task<LoadRun> ColdAsync(IBrowser browser, string url, int loads, Action<int, PageLoad> progress, CancellationToken ct)
    {
        var measured = new List<PageLoad>();
        for (var i = -WarmupLoads; i < loads; i++)
        {
            ct.ThrowIfCancellationRequested();
            await using var context = await NewContextAsync(browser);
            var page = await context.NewPageAsync();
            await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Load });
            var load = await MeasureAsync(page);
            if (i >= 0)
            {
                measured.Add(load);
                progress(i, load);
            }
        }
        return new LoadRun("cold", "fresh browser context per load: empty cache, no messenger session", measured);
    }

    public static async Task<LoadRun> WarmAsync(IBrowser browser, string url, int loads, Action<int, PageLoad> progress, CancellationToken ct)
    {
        var measured = new List<PageLoad>();
        await using var context = await NewContextAsync(browser);
        var page = await context.NewPageAsync();
        // The first load fills the cache and is not counted; the measured ones are reloads.
        await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Load });
        await MeasureAsync(page);
        for (var i = 0; i < loads; i++)
        {
            ct.ThrowIfCancellationRequested();
            await page.ReloadAsync(new() { WaitUntil = WaitUntilState.Load });
            var load = await MeasureAsync(page);
            measured.Add(load);
            progress(i, load);
        }
        return new LoadRun("warm", "one browser context, page.reload() after a first load: cached files revalidated", measured);
    }

    private static async Task<IBrowserContext> NewContextAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(MessengerBench.ContextOptions());
        context.SetDefaultTimeout(15_000);
        await context.AddInitScriptAsync(Probe);
        return context;
    }

    private static async Task<PageLoad> MeasureAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => window.__parleyLauncherVisibleAt !== undefined", null, new() { Timeout = 15_000, PollingInterval = 50 });
        try
        {
            // The paint timing entry can be queued a little after the frame it describes.
            await page.WaitForFunctionAsync("() => performance.getEntriesByName('first-contentful-paint').length > 0", null, new() { Timeout = 2_000, PollingInterval = 50 });
        }
        catch (TimeoutException)
        {
            // Reported as missing.
        }
        var m = await page.EvaluateAsync<JsonElement>(Read);
        double Get(string name) => m.GetProperty(name).GetDouble() is var v && v >= 0 ? v : double.NaN;
        return new PageLoad(Get("html"), Get("fcp"), Get("domContentLoaded"), Get("load"),
            Get("scriptsStart"), Get("scriptsEnd"), Get("configEnd"), Get("stringsEnd"), Get("launcher"));
    }
}
