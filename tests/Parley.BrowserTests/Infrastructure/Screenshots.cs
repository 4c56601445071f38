using Microsoft.Playwright;

namespace Parley.BrowserTests.Infrastructure;

/// <summary>Pictures of the messenger's main states for docs/screenshots, overwritten on every run.</summary>
public static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        var path = RepoPaths.Screenshot(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // CSS pixels, not device pixels, keep the files small.
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, Scale = ScreenshotScale.Css, Animations = ScreenshotAnimations.Disabled });
    }
}
