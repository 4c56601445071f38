using System.Globalization;
using Microsoft.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Parley.BrowserTests.Infrastructure;
using Parley.Core.Conversations;
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

    /// <summary>
    /// Counts the chime's tones and the desktop notifications the page creates (both still real), and puts
    /// the agent in another window, where desktop notifications are for.
    /// </summary>
    private const string RecordAlerts = """
        window.__alerts = { tones: 0, notifications: [] };
        const start = OscillatorNode.prototype.start;
        OscillatorNode.prototype.start = function (...args) { window.__alerts.tones++; return start.apply(this, args); };
        if ("Notification" in window) {
          const Real = window.Notification;
          window.Notification = class extends Real {
            constructor(title, options) { super(title, options); window.__alerts.notifications.push({ title, body: options?.body, tag: options?.tag, shown: this }); }
          };
        }
        document.hasFocus = () => false;
        """;

    [Fact]
    public async Task Sound_and_desktop_notifications_stay_off_until_the_agent_turns_them_on_and_then_announce_a_new_conversation()
    {
        await Context.GrantPermissionsAsync(["notifications"]);
        await Context.AddInitScriptAsync(RecordAlerts);
        var agent = await App.CreateAgentAsync();
        var workspace = await AgentWorkspacePage.SignInAsync(Page, agent.Email, MessengerApp.TestPassword);
        var sound = Page.GetByRole(AriaRole.Checkbox, new() { Name = "Play a sound", Exact = true });
        var desktop = Page.GetByRole(AriaRole.Checkbox, new() { Name = "Desktop notifications", Exact = true });
        await Expect(sound).ToBeEnabledAsync();
        await Expect(sound).Not.ToBeCheckedAsync();
        await Expect(desktop).Not.ToBeCheckedAsync();

        var quiet = await VisitorWritesAsync("Before the alerts are on ");
        await Expect(workspace.Toast(quiet.Id)).ToBeVisibleAsync();
        Assert.Equal(0, await Page.EvaluateAsync<int>("() => window.__alerts.tones"));
        Assert.Equal(0, await Page.EvaluateAsync<int>("() => window.__alerts.notifications.length"));

        await sound.CheckAsync();
        // Turning the sound on plays it once, so the agent hears what it will be.
        await Page.WaitForFunctionAsync("() => window.__alerts.tones === 2");
        await desktop.CheckAsync();
        await Expect(desktop).ToBeCheckedAsync();

        var loud = await VisitorWritesAsync("Is anyone there? ");
        await Expect(workspace.Toast(loud.Id)).ToBeVisibleAsync();
        await Page.WaitForFunctionAsync("() => window.__alerts.notifications.length === 1");
        var shown = await Page.EvaluateAsync<System.Text.Json.JsonElement>("() => { const n = window.__alerts.notifications[0]; return { title: n.title, body: n.body, tag: n.tag }; }");
        var number = (await App.InScopeAsync(sp => sp.GetRequiredService<ConversationQueries>().GetForAgentAsync(loud.Id, 1, default))).Conversation.Number;
        Assert.Equal($"New conversation #{number}", shown.GetProperty("title").GetString());
        Assert.Equal(loud.Text, shown.GetProperty("body").GetString());
        Assert.Equal(loud.Id.ToString(), shown.GetProperty("tag").GetString());
        Assert.Equal(4, await Page.EvaluateAsync<int>("() => window.__alerts.tones"));

        // Clicking the notification opens the conversation.
        await Page.EvaluateAsync("() => window.__alerts.notifications[0].shown.onclick()");
        await Expect(Page).ToHaveURLAsync(AgentWorkspacePage.ConversationUrl(loud.Id));
        await Expect(workspace.Message(loud.Text)).ToBeVisibleAsync();

        // The choice belongs to this browser and outlives the page.
        await Page.ReloadAsync();
        await workspace.WaitUntilLiveAsync();
        await Expect(sound).ToBeCheckedAsync();
        await Expect(desktop).ToBeCheckedAsync();
    }

    [Fact]
    public async Task A_browser_that_blocks_notifications_leaves_desktop_notifications_off_and_says_how_to_allow_them()
    {
        var agent = await App.CreateAgentAsync();
        var page = await OpenSecondBrowserAsync();
        await page.Context.ClearPermissionsAsync();
        await page.Context.AddInitScriptAsync("Object.defineProperty(Notification, 'permission', { get: () => 'denied' }); Notification.requestPermission = async () => 'denied';");
        await AgentWorkspacePage.SignInAsync(page, agent.Email, MessengerApp.TestPassword);
        var desktop = page.GetByRole(AriaRole.Checkbox, new() { Name = "Desktop notifications", Exact = true });
        await Expect(desktop).ToBeEnabledAsync();

        await desktop.ClickAsync();

        await Expect(desktop).Not.ToBeCheckedAsync();
        await Expect(page.GetByTestId("notification-settings")).ToContainTextAsync("blocks notifications from Parley");
    }

    private async Task<(Guid Id, string Text)> VisitorWritesAsync(string text)
    {
        var messenger = await MessengerPage.OpenAsync(await OpenSecondBrowserAsync(), DemoPath);
        await messenger.OpenPanelAsync();
        var question = text + Guid.NewGuid().ToString("N")[..8];
        await messenger.SendAsync(question);
        return (await App.ConversationWithMessageAsync(question), question);
    }
}
