using Parley.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

public sealed class DemoPageTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task Demo_page_shows_the_messenger_launcher_with_the_panel_closed()
    {
        var messenger = await OpenDemoAsync();

        await Expect(messenger.Launcher).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(messenger.Panel).ToBeHiddenAsync();
        await Expect(messenger.Badge).ToBeHiddenAsync();
        await Screenshots.SaveAsync(Page, "messenger-launcher-closed");
    }
}
