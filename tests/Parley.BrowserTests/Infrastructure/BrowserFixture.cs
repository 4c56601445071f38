using Microsoft.Playwright;

namespace Parley.BrowserTests.Infrastructure;

/// <summary>
/// One running app and one headless Chromium for a test class. Debian's Chromium is used as installed
/// (test.sh installs it); Playwright never downloads a browser of its own.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public MessengerApp App { get; } = new();

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        // The machine runs every test project at once on few cores; the default 5 s can be too short.
        Assertions.SetDefaultExpectTimeout(15_000);
        App.Start();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
