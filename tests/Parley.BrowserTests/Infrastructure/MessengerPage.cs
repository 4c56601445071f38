using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests.Infrastructure;

/// <summary>
/// The messenger as a visitor sees it on a page: intent methods over the widget's real DOM. Playwright's
/// CSS locators pierce the open shadow root of &lt;parley-messenger&gt;.
/// </summary>
public sealed class MessengerPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Host => Page.Locator("parley-messenger");

    /// <summary>The element that carries the messenger's direction and language.</summary>
    public ILocator Root => Host.Locator(".root");

    public ILocator Launcher => Host.Locator("button.launcher");

    public ILocator Badge => Host.Locator(".badge");

    public ILocator Panel => Host.Locator(".panel");

    public ILocator Status => Host.Locator(".status");

    public ILocator Composer => Host.Locator("form.composer textarea");

    public ILocator CloseButton => Host.Locator("header button.icon");

    public ILocator EmailInput => Host.Locator(".email input");

    public ILocator EmailSubmit => Host.Locator(".email button[type=submit]");

    public ILocator EmailError => Host.Locator(".email .error");

    public ILocator EmailSaved => Host.Locator(".email .ok");

    /// <summary>Loads a page with the messenger and waits until its launcher is drawn.</summary>
    public static async Task<MessengerPage> OpenAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"GET {path} answered {response?.Status}: {(response is null ? "" : await response.TextAsync())}");
        var messenger = new MessengerPage(page);
        await Expect(messenger.Launcher).ToBeVisibleAsync();
        return messenger;
    }

    /// <summary>Opens the panel with the launcher, as a visitor would.</summary>
    public async Task OpenPanelAsync()
    {
        await Launcher.ClickAsync();
        await Expect(Panel).ToBeVisibleAsync();
    }

    public async Task ClosePanelAsync()
    {
        await CloseButton.ClickAsync();
        await Expect(Panel).ToBeHiddenAsync();
    }

    /// <summary>Types a message and presses Enter; it shows at once, as pending until the server has it.</summary>
    public async Task WriteAsync(string text)
    {
        await Composer.FillAsync(text);
        await Composer.PressAsync("Enter");
        await Expect(Message(text)).ToBeVisibleAsync();
    }

    /// <summary>Writes a message and waits until the server has stored it.</summary>
    public async Task SendAsync(string text)
    {
        await WriteAsync(text);
        await Expect(StoredMessage(text)).ToBeVisibleAsync();
    }

    /// <summary>A message in the history, pending or stored, by its text.</summary>
    public ILocator Message(string text) => Host.Locator(".msg").Filter(new() { Has = Page.Locator(".bubble", new() { HasTextString = text }) });

    /// <summary>A message the server has stored (it carries the server's id), by its text.</summary>
    public ILocator StoredMessage(string text) => Host.Locator(".msg[data-id]:not(.pending)").Filter(new() { Has = Page.Locator(".bubble", new() { HasTextString = text }) });

    /// <summary>The button that saves one of a message's files, by its name.</summary>
    public ILocator File(ILocator message, string fileName) => message.Locator("button.file", new() { HasTextString = fileName });

    /// <summary>Pretends the tab went to the background or came back, as the browser reports it to the page.</summary>
    public Task SetTabVisibleAsync(bool visible) => Page.EvaluateAsync(
        """
        (visible) => {
          Object.defineProperty(document, "visibilityState", { configurable: true, get: () => visible ? "visible" : "hidden" });
          Object.defineProperty(document, "hidden", { configurable: true, get: () => !visible });
          document.dispatchEvent(new Event("visibilitychange"));
        }
        """, visible);

    /// <summary>Lets the page render and run its observers twice over, so reactions to what just changed have happened.</summary>
    public Task SettleAsync() =>
        Page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))))");
}
