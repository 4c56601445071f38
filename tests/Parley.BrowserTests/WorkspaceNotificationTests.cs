using System.Globalization;
using Microsoft.Playwright;
using Parley.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

public sealed class WorkspaceNotificationTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task A_new_conversation_shows_a_toast_and_the_unassigned_count_in_the_title()
    {
        var agent = await App.CreateAgentAsync();
        var workspace = await AgentWorkspacePage.SignInAsync(Page, agent.Email, MessengerApp.TestPassword);
        var queued = await workspace.ViewCountAsync("unassigned");
        await Expect(workspace.Toasts).ToHaveAttributeAsync("role", "status");

        var messenger = await MessengerPage.OpenAsync(await OpenSecondBrowserAsync(), DemoPath);
        await messenger.OpenPanelAsync();
        var question = "Do you ship to Jeju? " + Guid.NewGuid().ToString("N")[..8];
        await messenger.SendAsync(question);
        var conversationId = await App.ConversationWithMessageAsync(question);

        var toast = workspace.Toast(conversationId);
        await Expect(toast).ToBeVisibleAsync();
        await Expect(toast).ToContainTextAsync("New conversation #");
        var expected = (queued + 1).ToString(CultureInfo.InvariantCulture);
        await Expect(Page).ToHaveTitleAsync($"({expected}) Unassigned · Parley");

        await toast.GetByRole(AriaRole.Button, new() { Name = "Dismiss notification", Exact = true }).ClickAsync();
        await Expect(toast).ToHaveCountAsync(0);

        // A second one, opened from its toast.
        var second = "And to Ulleungdo? " + Guid.NewGuid().ToString("N")[..8];
        var other = await MessengerPage.OpenAsync(await OpenSecondBrowserAsync(), DemoPath);
        await other.OpenPanelAsync();
        await other.SendAsync(second);
        var secondId = await App.ConversationWithMessageAsync(second);
        await workspace.Toast(secondId).GetByRole(AriaRole.Link, new() { Name = "Open", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(AgentWorkspacePage.ConversationUrl(secondId));
        await Expect(workspace.Message(second)).ToBeVisibleAsync();
        await Expect(workspace.Toast(secondId)).ToHaveCountAsync(0);
        await Expect(Page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(@"^\(" + (queued + 2).ToString(CultureInfo.InvariantCulture) + @"\) .*Parley$"));
    }
}
