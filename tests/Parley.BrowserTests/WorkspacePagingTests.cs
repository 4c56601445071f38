using Parley.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

public sealed class WorkspacePagingTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task A_long_queue_pages_fifty_at_a_time_newest_first_and_any_page_returns_to_the_first()
    {
        var queued = await App.QueueConversationsAsync(120);
        var agent = await App.CreateAgentAsync();
        var workspace = await AgentWorkspacePage.SignInAsync(Page, agent.Email, MessengerApp.TestPassword);

        await Expect(Page.GetByTestId("pager-summary")).ToHaveTextAsync("The 50 most recently active of 120");
        Assert.Equal(queued.Reverse().Take(50).Select(id => id.ToString()), await RowsAsync());
        await Expect(Page.GetByTestId("pager-first")).ToHaveCountAsync(0);

        await Page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Next page", Exact = true }).ClickAsync();
        await workspace.WaitUntilLiveAsync();
        await Expect(Page.GetByTestId("pager-summary")).ToHaveTextAsync("50 more of 120");
        Assert.Equal(queued.Reverse().Skip(50).Take(50).Select(id => id.ToString()), await RowsAsync());

        // The conversation page walks the same page of the view.
        var onSecondPage = queued[^51];
        await workspace.OpenConversationAsync(onSecondPage);
        await Expect(Page.Locator("[data-shortcut=j]")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($"conversations/{queued[^52]}\\?view=unassigned&after="));
        await Page.GoBackAsync();

        await Page.GetByTestId("pager-next").ClickAsync();
        await Expect(Page.GetByTestId("pager-summary")).ToHaveTextAsync("20 more of 120");
        Assert.Equal(queued.Reverse().Skip(100).Select(id => id.ToString()), await RowsAsync());
        await Expect(Page.GetByTestId("pager-next")).ToHaveCountAsync(0);

        await Page.GetByTestId("pager-first").ClickAsync();
        await Expect(Page.GetByTestId("pager-summary")).ToHaveTextAsync("The 50 most recently active of 120");
        await Expect(workspace.Row(queued[^1])).ToBeVisibleAsync();

        // A cursor Parley did not issue (edited by hand) shows the first page rather than an error.
        await Page.GotoAsync("/workspace/views/unassigned?after=not-a-cursor");
        await workspace.WaitUntilLiveAsync();
        Assert.Equal(queued.Reverse().Take(50).Select(id => id.ToString()), await RowsAsync());
        await Expect(Page.GetByTestId("pager-first")).ToBeVisibleAsync();
    }

    private async Task<string[]> RowsAsync()
    {
        await Expect(Page.Locator(".pw-row").First).ToBeVisibleAsync();
        return await Page.Locator(".pw-row").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.conversation)");
    }
}
