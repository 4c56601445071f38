using Microsoft.Playwright;
using Parley.BrowserTests.Infrastructure;
using Parley.Core.Accounts;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

/// <summary>
/// axe-core over the workspace's and the admin center's main pages, each in the state an agent works in,
/// and a picture of each for docs/screenshots.
/// </summary>
public sealed class WorkspaceAccessibilityTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private async Task ExpectNoSeriousViolationsAsync(string screenshot)
    {
        var violations = await Axe.SeriousViolationsAsync(Page, inShadowRoot: false);
        Assert.True(violations.Count == 0, $"axe found serious or critical violations on {Page.Url}:\n" + string.Join("\n", violations));
        await Screenshots.SaveAsync(Page, screenshot);
    }

    [Fact]
    public async Task Sign_in_queue_conversation_and_search_have_no_serious_accessibility_violations()
    {
        await Page.SetViewportSizeAsync(1280, 760);
        await Page.GotoAsync(AgentWorkspacePage.SignInPath);
        await ExpectNoSeriousViolationsAsync("workspace-sign-in");

        var agent = await App.CreateAgentAsync(name: "Mina Park");
        var workspace = await AgentWorkspacePage.SignInAsync(Page, agent.Email, MessengerApp.TestPassword);
        var messenger = await MessengerPage.OpenAsync(await OpenSecondBrowserAsync(), DemoPath);
        await messenger.OpenPanelAsync();
        var question = "My order #1042 arrived damaged, can I get a new one? " + Guid.NewGuid().ToString("N")[..6];
        await messenger.SendAsync(question);
        var conversationId = await App.ConversationWithMessageAsync(question);
        await App.QueueConversationsAsync(4);
        await Expect(workspace.Row(conversationId)).ToBeVisibleAsync();
        await ExpectNoSeriousViolationsAsync("workspace-queue");

        await workspace.OpenConversationAsync(conversationId);
        await workspace.ReplyAsync("I am sorry to hear that. Could you send a photo of the box?");
        await workspace.AddNoteAsync("Courier damage again: third this week.");
        await Expect(workspace.Message("Courier damage again")).ToBeVisibleAsync();
        await Expect(workspace.Message("Could you send a photo").Locator(".pw-read")).ToHaveTextAsync("Read");
        await ExpectNoSeriousViolationsAsync("workspace-conversation-timeline");

        await workspace.SearchAsync("damaged");
        await Expect(Page.Locator(".pw-row")).ToHaveCountAsync(1);
        await ExpectNoSeriousViolationsAsync("workspace-search");
    }

    [Fact]
    public async Task Admin_team_messaging_and_languages_pages_have_no_serious_accessibility_violations()
    {
        await Page.SetViewportSizeAsync(1280, 760);
        var admin = await App.CreateAgentAsync(role: AgentRole.Admin, name: "Jun Seo");
        await App.CreateAgentAsync(name: "Mina Park");
        await App.CreateAgentAsync(chatAccess: false, name: "Theo Brandt");
        await AgentWorkspacePage.SignInAsync(Page, admin.Email, MessengerApp.TestPassword);

        foreach (var section in new[] { "team", "messaging", "languages" })
        {
            await Page.GotoAsync($"/admin/{section}");
            await Expect(Page.Locator("[data-live=true]")).ToBeVisibleAsync();
            await ExpectNoSeriousViolationsAsync($"admin-{section}");
        }
    }

    [Fact]
    public async Task The_not_allowed_page_an_agent_gets_for_the_admin_center_has_no_serious_accessibility_violations()
    {
        var agent = await App.CreateAgentAsync();
        await AgentWorkspacePage.SignInAsync(Page, agent.Email, MessengerApp.TestPassword);

        await Page.GotoAsync("/admin/team");

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        var violations = await Axe.SeriousViolationsAsync(Page, inShadowRoot: false);
        Assert.True(violations.Count == 0, "axe found serious or critical violations:\n" + string.Join("\n", violations));
    }
}
