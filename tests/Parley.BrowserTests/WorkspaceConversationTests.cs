using Parley.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

public sealed class WorkspaceConversationTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task Visitor_message_appears_live_in_the_queue_and_the_agent_reply_reaches_the_messenger_live()
    {
        var agent = await App.CreateAgentAsync();
        var workspace = await AgentWorkspacePage.SignInAsync(Page, agent.Email, MessengerApp.TestPassword);
        var queued = await workspace.ViewCountAsync("unassigned");

        var messenger = await MessengerPage.OpenAsync(await OpenSecondBrowserAsync(), DemoPath);
        await messenger.OpenPanelAsync();
        var question = "Can I change my delivery address? " + Guid.NewGuid().ToString("N")[..8];
        await messenger.SendAsync(question);
        var conversationId = await App.ConversationWithMessageAsync(question);

        await Expect(workspace.Row(conversationId)).ToBeVisibleAsync();
        await Expect(workspace.Row(conversationId)).ToContainTextAsync("Visitor");
        await Expect(workspace.Row(conversationId).GetByTestId("preview")).ToContainTextAsync(question);
        await Expect(workspace.Row(conversationId).GetByTestId("preview").Locator(".pw-channel")).ToHaveTextAsync("Web");
        await Expect(workspace.ViewCount("unassigned")).ToHaveTextAsync((queued + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

        await workspace.OpenConversationAsync(conversationId);
        await Expect(workspace.Message(question).Locator(".pw-channel")).ToHaveTextAsync("Web");

        var answer = "Yes, until it ships. " + Guid.NewGuid().ToString("N")[..8];
        await workspace.ReplyAsync(answer);
        await Expect(workspace.Message(answer)).ToContainTextAsync(agent.Name);
        await Expect(messenger.StoredMessage(answer)).ToBeVisibleAsync();
        // The visitor has the panel open, so the messenger marks the reply read and the agent sees it.
        await Expect(workspace.Message(answer).Locator(".pw-read")).ToHaveTextAsync("Read");

        var followUp = "Great, it is 12 Harbour Street. " + Guid.NewGuid().ToString("N")[..8];
        await messenger.SendAsync(followUp);
        await Expect(workspace.Message(followUp)).ToBeVisibleAsync();

        var note = "Address changed in the shop admin. " + Guid.NewGuid().ToString("N")[..8];
        await workspace.AddNoteAsync(note);
        await Expect(workspace.Message(note)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bpw-msg-note\b"));
        await Page.SetViewportSizeAsync(1280, 760);
        await Screenshots.SaveAsync(Page, "workspace-conversation");
        // Notes stay inside the team.
        await Expect(messenger.StoredMessage(note)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Agent_without_chat_access_is_refused_a_reply_but_may_add_a_note()
    {
        var agent = await App.CreateAgentAsync(chatAccess: false);
        var workspace = await AgentWorkspacePage.SignInAsync(Page, agent.Email, MessengerApp.TestPassword);
        var messenger = await MessengerPage.OpenAsync(await OpenSecondBrowserAsync(), DemoPath);
        await messenger.OpenPanelAsync();
        var question = "Hello? " + Guid.NewGuid().ToString("N")[..8];
        await messenger.SendAsync(question);
        var conversationId = await App.ConversationWithMessageAsync(question);

        await Page.GotoAsync($"/workspace/conversations/{conversationId}");
        await workspace.WaitUntilLiveAsync();
        await workspace.ReplyAsync("I should not be able to send this");

        await Expect(workspace.Error).ToContainTextAsync("chat access");
        Assert.Equal(0, await App.StoredMessageCountAsync("I should not be able to send this"));
        var note = "Passing this to a chat agent. " + Guid.NewGuid().ToString("N")[..8];
        await workspace.AddNoteAsync(note);
        await Expect(workspace.Message(note)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_long_conversation_opens_at_its_newest_500_messages_and_shows_the_earlier_ones_on_request()
    {
        var agent = await App.CreateAgentAsync();
        var conversationId = await App.WriteLongConversationAsync(agent, 620);
        var workspace = await AgentWorkspacePage.SignInAsync(Page, agent.Email, MessengerApp.TestPassword);

        await Page.GotoAsync($"/workspace/conversations/{conversationId}");
        await workspace.WaitUntilLiveAsync();
        var timeline = Page.GetByTestId("timeline");
        await Expect(timeline).ToHaveAttributeAsync("data-count", "500");
        await Expect(workspace.Message("Message 620")).ToBeInViewportAsync();
        await Expect(workspace.Message("Message 121")).ToHaveCountAsync(1);
        await Expect(workspace.Message("Message 120")).ToHaveCountAsync(0);

        // A new message joins the open timeline without reloading it.
        var fresh = "Still there? " + Guid.NewGuid().ToString("N")[..8];
        await workspace.ReplyAsync(fresh);
        await Expect(workspace.Message(fresh)).ToBeVisibleAsync();
        await Expect(timeline).ToHaveAttributeAsync("data-count", "501");

        await Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Show earlier messages", Exact = true }).ClickAsync();
        await Expect(timeline).ToHaveAttributeAsync("data-count", "621");
        await Expect(Page.GetByTestId("show-earlier")).ToHaveCountAsync(0);
        var order = await Page.Locator(".pw-msg").EvaluateAllAsync<long[]>("items => items.map(i => Number(i.dataset.seq))");
        Assert.Equal(Enumerable.Range(1, 621).Select(n => (long)n), order);
    }
}
