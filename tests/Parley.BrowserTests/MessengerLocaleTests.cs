using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parley.BrowserTests.Infrastructure;
using Parley.Core.Accounts;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

public sealed class MessengerLocaleTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task Arabic_chosen_by_the_website_renders_the_messenger_right_to_left()
    {
        await App.InScopeAsync(sp => sp.GetRequiredService<SettingsService>()
            .UpdateAsync(new SettingsChanges(OfferedLanguages: ["en", "ar", "he"]), default));
        var messenger = await OpenDemoAsync();
        await Expect(messenger.Root).ToHaveCSSAsync("direction", "ltr");

        // The demo shop's language button calls Parley.setLocale("ar").
        await Page.GetByRole(AriaRole.Button, new() { Name = "العربية" }).ClickAsync();

        await Expect(messenger.Root).ToHaveAttributeAsync("lang", "ar");
        await Expect(messenger.Root).ToHaveCSSAsync("direction", "rtl");
        await messenger.OpenPanelAsync();
        await Expect(messenger.Panel).ToHaveCSSAsync("direction", "rtl");
        await Expect(messenger.Composer).ToHaveCSSAsync("direction", "rtl");
        await Expect(messenger.CloseButton).Not.ToHaveAttributeAsync("aria-label", "Close");
        // The corner follows the reading direction: the launcher sits on the left.
        var launcher = await messenger.Launcher.BoundingBoxAsync();
        Assert.NotNull(launcher);
        Assert.True(launcher.X < Page.ViewportSize!.Width / 2, $"The launcher is at x={launcher.X}, not on the left.");
        await messenger.SendAsync("مرحبا، هل لديكم قهوة منزوعة الكافيين؟");
        await Screenshots.SaveAsync(Page, "messenger-rtl-arabic");
    }
}
