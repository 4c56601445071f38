using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parley.BrowserTests.Infrastructure;
using Parley.Core.Conversations;
using Parley.Core.EndUsers;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

public sealed class WorkspaceAssignmentTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task Agent_assigns_to_self_then_solves_and_a_second_agent_sees_it_live()
    {
        var agent = await App.CreateAgentAsync();
        var workspace = await AgentWorkspacePage.SignInAsync(Page, agent.Email, MessengerApp.TestPassword);
        var queued = await workspace.ViewCountAsync("unassigned");
        var conversationId = await VisitorWritesAsync("Where is my parcel? ");

        await Expect(workspace.Row(conversationId)).ToBeVisibleAsync();
        await Expect(workspace.ViewCount("mine")).ToHaveTextAsync("0");
        await Expect(workspace.ViewCount("unassigned")).ToHaveTextAsync(Count(queued + 1));
        await workspace.OpenConversationAsync(conversationId);

        // A second agent watches the same conversation in their own browser.
        var colleague = await App.CreateAgentAsync();
        var second = await AgentWorkspacePage.SignInAsync(await OpenSecondBrowserAsync(), colleague.Email, MessengerApp.TestPassword);
        await second.Page.GotoAsync($"/workspace/conversations/{conversationId}");
        await second.WaitUntilLiveAsync();
        await Expect(second.Assignee).ToContainTextAsync("Nobody");

        await workspace.AssignToMeAsync();
        await Expect(workspace.Assignee).ToContainTextAsync(agent.Name);
        await Expect(workspace.ViewCount("mine")).ToHaveTextAsync("1");
        await Expect(workspace.ViewCount("unassigned")).ToHaveTextAsync(Count(queued));
        await Expect(second.Assignee).ToContainTextAsync(agent.Name);
        await Expect(second.Page.Locator("#assignee-picker")).ToHaveValueAsync(agent.Id.ToString());

        await workspace.SetStatusAsync("Solved");
        await Expect(workspace.Status).ToHaveTextAsync("Solved");
        await Expect(second.Status).ToHaveTextAsync("Solved");
        await Expect(workspace.ViewCount("mine")).ToHaveTextAsync("0");
        await Page.SetViewportSizeAsync(1280, 760);
        await Screenshots.SaveAsync(Page, "workspace-conversation-actions");

        await workspace.OpenViewAsync("solved");
        await Expect(workspace.Row(conversationId)).ToBeVisibleAsync();
        await workspace.OpenViewAsync("mine");
        await Expect(workspace.Row(conversationId)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Agent_picks_a_colleague_and_unassigns_and_the_list_moves_with_it()
    {
        var agent = await App.CreateAgentAsync();
        var colleague = await App.CreateAgentAsync();
        var noChat = await App.CreateAgentAsync(chatAccess: false);
        var workspace = await AgentWorkspacePage.SignInAsync(Page, agent.Email, MessengerApp.TestPassword);
        var conversationId = await VisitorWritesAsync("Do you ship to Jeju? ");
        await Expect(workspace.Row(conversationId)).ToBeVisibleAsync();
        await workspace.OpenConversationAsync(conversationId);

        var picker = Page.GetByLabel("Assign to an agent");
        await Expect(picker.Locator($"option[value='{noChat.Id}']")).ToHaveCountAsync(0);
        await picker.SelectOptionAsync(colleague.Id.ToString());
        await Expect(workspace.Assignee).ToContainTextAsync(colleague.Name);
        await Expect(workspace.Status).ToHaveTextAsync("Open");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Unassign", Exact = true }).ClickAsync();
        await Expect(workspace.Assignee).ToContainTextAsync("Nobody");
        await workspace.OpenViewAsync("unassigned");
        await Expect(workspace.Row(conversationId)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Customer_panel_shows_a_typed_email_live_as_unverified_and_a_language_change_reaches_other_agents_live()
    {
        var agent = await App.CreateAgentAsync();
        var workspace = await AgentWorkspacePage.SignInAsync(Page, agent.Email, MessengerApp.TestPassword);
        var messenger = await MessengerPage.OpenAsync(await OpenSecondBrowserAsync(), DemoPath);
        await messenger.OpenPanelAsync();
        var question = "Is the grinder in stock? " + Guid.NewGuid().ToString("N")[..8];
        await messenger.SendAsync(question);
        var conversationId = await App.ConversationWithMessageAsync(question);
        await Page.GotoAsync($"/workspace/conversations/{conversationId}");
        await workspace.WaitUntilLiveAsync();
        await Expect(workspace.CustomerPanel.GetByTestId("customer-email")).ToContainTextAsync("No email address yet");

        await App.PostSystemPromptAsync(conversationId, "Leave your email and we will write to you there.", MessagePrompts.Email);
        var address = $"visitor-{Guid.NewGuid().ToString("N")[..8]}@example.com";
        await messenger.EmailInput.FillAsync(address);
        await messenger.EmailSubmit.ClickAsync();
        await Expect(messenger.EmailSaved).ToContainTextAsync(address);

        await Expect(workspace.CustomerPanel.GetByTestId("customer-email")).ToContainTextAsync(address);
        await Expect(workspace.CustomerPanel.GetByTestId("email-verified")).ToHaveTextAsync("not verified");
        await Expect(workspace.CustomerPanel.GetByTestId("customer-page")).ToContainTextAsync("/demo/");

        var colleague = await App.CreateAgentAsync();
        var other = await AgentWorkspacePage.SignInAsync(await OpenSecondBrowserAsync(), colleague.Email, MessengerApp.TestPassword);
        await other.Page.GotoAsync($"/workspace/conversations/{conversationId}");
        await other.WaitUntilLiveAsync();
        await Expect(other.Page.GetByLabel("Language", new() { Exact = true })).Not.ToHaveValueAsync("ko");

        await workspace.SetCustomerLanguageAsync("not a language!");
        await Expect(workspace.CustomerPanel.Locator(".pw-error")).ToContainTextAsync("language tag");

        await workspace.SetCustomerLanguageAsync("ko");
        await Expect(workspace.CustomerPanel.GetByRole(AriaRole.Status)).ToContainTextAsync("Language set to ko");
        var endUserId = (await App.InScopeAsync(sp => sp.GetRequiredService<ConversationQueries>().GetForAgentAsync(conversationId, 1, default))).EndUser.Id;
        var profile = await App.InScopeAsync(sp => sp.GetRequiredService<EndUserProfiles>().GetAsync(endUserId, default));
        Assert.Equal("ko", profile.Language);
        await Expect(Page.GetByLabel("Language", new() { Exact = true })).ToHaveValueAsync("ko");
        await Expect(other.Page.GetByLabel("Language", new() { Exact = true })).ToHaveValueAsync("ko");
    }

    private async Task<Guid> VisitorWritesAsync(string text)
    {
        var messenger = await MessengerPage.OpenAsync(await OpenSecondBrowserAsync(), DemoPath);
        await messenger.OpenPanelAsync();
        var question = text + Guid.NewGuid().ToString("N")[..8];
        await messenger.SendAsync(question);
        return await App.ConversationWithMessageAsync(question);
    }

    private static string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
