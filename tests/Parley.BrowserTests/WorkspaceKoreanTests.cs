using Parley.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

/// <summary>The workspace speaks the browser's language when it has a translation for it.</summary>
public sealed class WorkspaceKoreanTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    protected override string BrowserLocale => "ko-KR";

    [Fact]
    public async Task Korean_browser_gets_the_workspace_in_Korean()
    {
        var agent = await App.CreateAgentAsync();
        await Page.GotoAsync(AgentWorkspacePage.SignInPath);
        await Expect(Page.Locator("h1")).ToHaveTextAsync("워크스페이스에 로그인");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "ko");

        await AgentWorkspacePage.SignInAsync(Page, agent.Email, MessengerApp.TestPassword);

        await Expect(Page.Locator(".pw-view[data-view=unassigned]")).ToContainTextAsync("미배정");
        await Expect(Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "로그아웃" })).ToBeVisibleAsync();
    }
}
