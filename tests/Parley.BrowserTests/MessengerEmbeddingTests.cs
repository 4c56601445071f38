using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parley.BrowserTests.Infrastructure;
using Parley.Core.Accounts;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

/// <summary>The messenger on a business's own website (another origin than Parley), and messaging turned off.</summary>
public sealed class MessengerEmbeddingTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task A_website_shows_the_messenger_only_once_an_admin_allowed_its_origin()
    {
        await using var shop = new ShopSite(App.BaseAddress);
        var messenger = new MessengerPage(Page);

        await LoadAsync(shop.Origin + "/");
        await Expect(messenger.Launcher).ToHaveCountAsync(0);

        await App.InScopeAsync(sp => sp.GetRequiredService<SettingsService>()
            .UpdateAsync(new SettingsChanges(AllowedOrigins: [shop.Origin]), default));
        await LoadAsync(shop.Origin + "/");

        await Expect(messenger.Launcher).ToBeVisibleAsync();
        await messenger.OpenPanelAsync();
        await messenger.SendAsync("Hello from the shop's own website");
        await Expect(messenger.StoredMessage("Hello from the shop's own website")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task With_messaging_turned_off_the_launcher_does_not_appear()
    {
        await App.InScopeAsync(sp => sp.GetRequiredService<SettingsService>()
            .UpdateAsync(new SettingsChanges(MessagingEnabled: false), default));
        try
        {
            await LoadAsync(DemoPath);

            await Expect(new MessengerPage(Page).Launcher).ToHaveCountAsync(0);
        }
        finally
        {
            await App.InScopeAsync(sp => sp.GetRequiredService<SettingsService>()
                .UpdateAsync(new SettingsChanges(MessagingEnabled: true), default));
        }
    }

    /// <summary>Loads a page and waits until the messenger has had its config answer and settled.</summary>
    private async Task LoadAsync(string url)
    {
        var config = Page.WaitForResponseAsync(r => r.Url.EndsWith("/messenger/v1/config", StringComparison.Ordinal));
        await Page.GotoAsync(url);
        await config;
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }
}
