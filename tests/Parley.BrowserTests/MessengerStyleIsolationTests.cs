using Microsoft.Playwright;
using Parley.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

public sealed class MessengerStyleIsolationTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    /// <summary>A shop page whose CSS tries every way to reach the messenger, served from the app's origin.</summary>
    private const string HostilePage =
        """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Hostile shop</title>
          <style>
            * { all: unset !important; font-size: 50px !important; display: none; }
            :root { --pc: #00ff00 !important; --pf: #ff00ff !important; direction: rtl !important; }
            button { display: block !important; position: absolute !important; top: 0 !important; left: 0 !important;
              width: 300px !important; height: 300px !important; background: lime !important; border-radius: 0 !important; }
            div, section, form, textarea, svg { display: none !important; color: red !important; }
            parley-messenger { display: none !important; opacity: 0 !important; position: absolute !important; top: 0 !important; }
          </style>
        </head>
        <body>
          <p>Everything on this page is styled to break the messenger.</p>
          <button type="button">A page button</button>
          <script type="module" src="/messenger/messenger.js"></script>
        </body>
        </html>
        """;

    [Fact]
    public async Task Hostile_host_page_css_does_not_change_the_messenger()
    {
        await Context.RouteAsync("**/hostile-shop.html", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200, ContentType = "text/html; charset=utf-8", Body = HostilePage,
        }));
        var plain = await OpenDemoAsync();
        var expected = await LookAsync(plain);

        var hostile = await MessengerPage.OpenAsync(await Context.NewPageAsync(), "/hostile-shop.html");
        var actual = await LookAsync(hostile);

        Assert.Equal(expected.Launcher, actual.Launcher);
        Assert.Equal(expected.Panel, actual.Panel);
        Assert.Equal(expected.Styles, actual.Styles);
    }

    /// <summary>Where the launcher and the open panel are, and how they are styled.</summary>
    private static async Task<(string Launcher, string Panel, string Styles)> LookAsync(MessengerPage messenger)
    {
        await Expect(messenger.Launcher).ToBeVisibleAsync();
        var launcher = Box(await messenger.Launcher.BoundingBoxAsync());
        await messenger.OpenPanelAsync();
        var panel = Box(await messenger.Panel.BoundingBoxAsync());
        var styles = await messenger.Host.EvaluateAsync<string>(
            """
            host => {
              const root = host.shadowRoot;
              const pick = (selector, ...props) => {
                const style = getComputedStyle(root.querySelector(selector));
                return selector + " " + props.map(p => p + "=" + style.getPropertyValue(p)).join(" ");
              };
              return [
                pick(".launcher", "background-color", "color", "border-radius", "width", "height", "opacity", "display"),
                pick(".root", "direction", "font-size", "font-family"),
                pick("header", "background-color", "color"),
                pick("header h2", "font-size", "font-weight"),
                pick("form.composer textarea", "font-size", "display", "color", "background-color", "direction"),
                pick(".send", "background-color", "width", "height"),
              ].join("\n");
            }
            """);
        return (launcher, panel, styles);
    }

    private static string Box(LocatorBoundingBoxResult? box) =>
        box is null ? "not rendered" : FormattableString.Invariant($"{box.X:0.#},{box.Y:0.#} {box.Width:0.#}x{box.Height:0.#}");
}
