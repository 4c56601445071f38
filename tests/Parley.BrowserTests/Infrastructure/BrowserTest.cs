using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Parley.BrowserTests.Infrastructure;

/// <summary>
/// A test with a fresh browser context (its own storage, so its own messenger session) and one page,
/// both closed when the test ends, on the test class's app and browser.
/// </summary>
public abstract class BrowserTest(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private IBrowserContext? _context;
    private IPage? _page;
    private readonly List<IBrowserContext> _others = [];

    public const string DemoPath = "/demo/";

    protected MessengerApp App => fixture.App;

    protected IBrowserContext Context => _context ?? throw new InvalidOperationException("No browser context yet.");

    protected IPage Page => _page ?? throw new InvalidOperationException("No page yet.");

    /// <summary>The browser's language (navigator.language), as a visitor's browser would report it.</summary>
    protected virtual string BrowserLocale => "en-US";

    /// <summary>The browser's time zone, as a visitor's computer would have it; the machine's when null.</summary>
    protected virtual string? BrowserTimeZone => null;

    /// <summary>Console errors and uncaught exceptions of the pages, shown when a test fails.</summary>
    protected List<string> BrowserErrors { get; } = [];

    public virtual async Task InitializeAsync()
    {
        _context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 900, Height = 700 },
            Locale = BrowserLocale,
            TimezoneId = BrowserTimeZone,
        });
        _context.SetDefaultTimeout(15_000);
        _context.Page += (_, page) => WatchErrors(page);
        _page = await _context.NewPageAsync();
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var error in BrowserErrors)
        {
            output.WriteLine(error);
        }
        foreach (var other in _others)
        {
            await other.CloseAsync();
        }
        if (_context is not null)
        {
            await _context.CloseAsync();
        }
    }

    /// <summary>
    /// A page in a second browser (its own cookies and storage), for a second person in the same test,
    /// such as the visitor while <see cref="Page"/> is the agent.
    /// </summary>
    protected async Task<IPage> OpenSecondBrowserAsync()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 900, Height = 700 },
            Locale = BrowserLocale,
            TimezoneId = BrowserTimeZone,
        });
        context.SetDefaultTimeout(15_000);
        context.Page += (_, page) => WatchErrors(page);
        _others.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>The demo page of the app with the messenger on it.</summary>
    protected Task<MessengerPage> OpenDemoAsync(IPage? page = null) => MessengerPage.OpenAsync(page ?? Page, DemoPath);

    /// <summary>A second tab in the same browser context: same storage, same messenger session.</summary>
    protected async Task<MessengerPage> OpenDemoInNewTabAsync()
    {
        var page = await Context.NewPageAsync();
        return await MessengerPage.OpenAsync(page, DemoPath);
    }

    private void WatchErrors(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                BrowserErrors.Add("console: " + message.Text);
            }
        };
        page.PageError += (_, error) => BrowserErrors.Add("page error: " + error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                BrowserErrors.Add($"{response.Status} {response.Request.Method} {response.Url}");
            }
        };
    }
}
