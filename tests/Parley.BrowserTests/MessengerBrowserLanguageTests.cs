using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.BrowserTests.Infrastructure;
using Parley.Core.Data;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

/// <summary>A visitor whose browser speaks German, on a website that sets no language.</summary>
public sealed class MessengerBrowserLanguageTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    protected override string BrowserLocale => "de-DE";

    [Fact]
    public async Task Without_a_website_language_the_messenger_speaks_the_browser_language_and_stores_it_on_the_new_profile()
    {
        var messenger = await OpenDemoAsync();

        await Expect(messenger.Root).ToHaveAttributeAsync("lang", "de");
        await messenger.OpenPanelAsync();
        await messenger.SendAsync("Hallo, habt ihr entkoffeinierten Kaffee?");

        var language = await App.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().EndUsers
            .OrderByDescending(u => u.CreatedAt).Select(u => u.Language).FirstAsync());
        Assert.Equal("de-DE", language);
        await Expect(messenger.Composer).ToHaveAttributeAsync("placeholder", "Nachricht schreiben…");
    }
}
