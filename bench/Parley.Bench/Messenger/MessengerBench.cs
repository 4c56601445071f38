using System.Globalization;
using Microsoft.Playwright;

namespace Parley.Bench.Messenger;

/// <summary>
/// The messenger mode: the published server over a temporary SQLite database, Debian's Chromium headless
/// through Playwright, everything on 127.0.0.1. Measures the messenger's JavaScript before the first message
/// is shown, then the time to a visible launcher over cold and warm page loads.
/// </summary>
internal static class MessengerBench
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DemoPath = "/demo/index.html";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    public static BrowserNewContextOptions ContextOptions() => new()
    {
        Locale = "en-US",
        ViewportSize = new ViewportSize { Width = 1280, Height = 720 },
    };

    public static async Task<int> RunAsync(string[] args)
    {
        MessengerOptions options;
        try
        {
            options = MessengerOptions.Parse(args);
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        using var budget = new RunBudget(TimeSpan.FromMinutes(10));
        var ct = budget.Token;

        var folder = Directory.CreateTempSubdirectory("parley-messenger-bench-").FullName;
        ParleyServer? server = null;
        IPlaywright? playwright = null;
        IBrowser? browser = null;
        try
        {
            var dll = Path.GetFullPath(options.ServerDll ?? ParleyServer.PublishedDll());
            if (!File.Exists(dll))
            {
                throw new InvalidOperationException($"{dll} was not found. Publish it first: dotnet publish -c Release -o artifacts/parley src/Parley.Server");
            }
            if (!File.Exists(ChromiumPath))
            {
                throw new InvalidOperationException($"{ChromiumPath} was not found: apt-get install chromium (never playwright install).");
            }
            Console.WriteLine($"Starting {dll} over SQLite in {folder}...");
            server = await ParleyServer.StartAsync(dll, "Sqlite", $"Data Source={Path.Combine(folder, "parley.db")}", ct);
            Console.WriteLine($"  Parley at {server.BaseUrl}, process {server.ProcessId}");

            playwright = await Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
            });
            // Ctrl+C or the overall limit closes the browser, which ends whatever Playwright call is waiting.
            var open = browser;
            using var closeOnCancel = ct.Register(() => _ = open.CloseAsync());
            var report = new MessengerReport(browser.Version);

            Console.WriteLine("Size: demo page, open the panel, send one message, wait until it is shown...");
            report.Size = await SizeProbe.RunAsync(browser, server.BaseUrl, ct);
            var js = report.Size.JavaScript.ToList();
            Console.WriteLine(Invariant($"  {js.Count} scripts before the first message: {js.Sum(f => f.Raw):N0} bytes raw, {js.Sum(f => f.Brotli):N0} brotli (budget {SizeResult.BudgetBytes:N0})"));
            if (!report.Size.AllBrotli)
            {
                Console.WriteLine("  WARNING: the server did not answer every file with Content-Encoding: br; is this a published build?");
            }

            var url = server.BaseUrl + DemoPath;
            void Progress(string kind, int i, PageLoad load) => Console.WriteLine(Invariant(
                $"  {kind} {i + 1,3}: launcher {load.Launcher,6:F1} ms, FCP {load.FirstContentfulPaint,6:F1} ms, load {load.Load,6:F1} ms"));
            Console.WriteLine($"Time to launcher: {LauncherTiming.WarmupLoads} unmeasured loads, then {options.Loads} loads in fresh contexts...");
            var cpu = CpuSplit.Start(server.ProcessId);
            var cold = await LauncherTiming.ColdAsync(browser, url, options.Loads, (i, l) => Progress("cold", i, l), ct);
            report.Runs.Add(cold with { Cpu = cpu() });
            Console.WriteLine($"  busy cores, server / browser side / other: {report.Runs[^1].Cpu}");
            Console.WriteLine($"Time to launcher: {options.Loads} reloads in one warm context...");
            cpu = CpuSplit.Start(server.ProcessId);
            var warm = await LauncherTiming.WarmAsync(browser, url, options.Loads, (i, l) => Progress("warm", i, l), ct);
            report.Runs.Add(warm with { Cpu = cpu() });
            Console.WriteLine($"  busy cores, server / browser side / other: {report.Runs[^1].Cpu}");

            var markdown = report.ToMarkdown();
            Console.WriteLine();
            Console.WriteLine(markdown);
            if (options.MarkdownOut is { } path)
            {
                await File.WriteAllTextAsync(path, markdown, CancellationToken.None);
                Console.WriteLine($"Written to {Path.GetFullPath(path)}");
            }
            return report.Size.AllBrotli ? 0 : 1;
        }
        catch (Exception e) when (ct.IsCancellationRequested)
        {
            Console.Error.WriteLine($"Stopped before the end ({e.GetType().Name}).");
            return 130;
        }
        catch (Exception e) when (e is InvalidOperationException or PlaywrightException or TimeoutException or HttpRequestException)
        {
            Console.Error.WriteLine($"The messenger benchmark failed: {e}");
            if (server is not null)
            {
                Console.Error.WriteLine("Server output:\n" + server.Output());
            }
            return 1;
        }
        finally
        {
            if (browser is not null)
            {
                try
                {
                    await browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(15), CancellationToken.None);
                }
                catch (Exception e) when (e is PlaywrightException or TimeoutException)
                {
                    // Already closed, or the driver is gone; disposing Playwright ends the driver either way.
                }
            }
            playwright?.Dispose();
            server?.Dispose();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temp folder; harmless.
            }
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
