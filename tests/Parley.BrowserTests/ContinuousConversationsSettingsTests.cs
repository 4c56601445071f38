using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parley.BrowserTests.Infrastructure;
using Parley.Core.Accounts;
using Parley.Core.Continuity;
using Parley.Core.Data;
using Parley.Core.Triggers;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

public sealed class ContinuousConversationsSettingsTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private ILocator Requirement(ContinuityPrerequisite p) => Page.Locator($"[data-requirement={p}]");

    private ILocator Switch => Page.GetByLabel("Switch messaging conversations to email");

    private ILocator Save => Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true });

    private Task<ContinuityState> StateAsync() => App.InScopeAsync(sp => sp.GetRequiredService<ContinuitySettings>().GetAsync(default));

    [Fact]
    public async Task Turning_on_is_refused_until_a_support_address_sends_then_it_creates_the_trigger_that_asks_visitors_for_their_email()
    {
        var admin = await App.CreateAgentAsync(role: AgentRole.Admin);
        await App.InScopeAsync(async sp =>
        {
            var triggers = sp.GetRequiredService<TriggerService>();
            var outOfOffice = (await triggers.ListAsync(default)).Single(t => t.DefaultKey == DefaultTriggers.OutOfOffice);
            return await triggers.SetActiveAsync(outOfOffice.Id, true, default);
        });
        await AgentWorkspacePage.SignInAsync(Page, admin.Email, MessengerApp.TestPassword);
        await Page.GotoAsync("/admin/objects/tickets/settings");
        await Expect(Page.Locator("[data-live=true]")).ToBeVisibleAsync();

        // Messaging is on and the admin has chat access; no support address yet.
        await Expect(Requirement(ContinuityPrerequisite.MessagingOn)).ToHaveAttributeAsync("data-met", "true");
        await Expect(Requirement(ContinuityPrerequisite.AgentWithChatAccess)).ToHaveAttributeAsync("data-met", "true");
        await Expect(Requirement(ContinuityPrerequisite.SupportAddressThatSends)).ToHaveAttributeAsync("data-met", "false");
        await Switch.CheckAsync();
        await Save.ClickAsync();
        await Expect(Page.GetByTestId("admin-error")).ToContainTextAsync("cannot be turned on yet");
        Assert.False((await StateAsync()).Enabled);

        // Set one up, as the link beside the missing requirement leads.
        await Requirement(ContinuityPrerequisite.SupportAddressThatSends).GetByRole(AriaRole.Link, new() { Name = "Set it up" }).ClickAsync();
        await Expect(Page.Locator("[data-live=true]")).ToBeVisibleAsync();
        await Page.GetByTestId("add-address").ClickAsync();
        await Page.GetByLabel("Address", new() { Exact = true }).FillAsync("help@shop.test");
        await Page.GetByLabel("Display name").FillAsync("The Tea Shop");
        await Save.ClickAsync();
        await Expect(Page.GetByTestId("admin-saved")).ToContainTextAsync("help@shop.test was saved.");
        await Page.GetByTestId("send-test").ClickAsync();
        await Expect(Page.GetByTestId("admin-saved")).ToContainTextAsync("A test email went to");
        await Expect(Page.Locator("[data-address='help@shop.test'] [data-testid=check-state]")).ToContainTextAsync("Test email sent");
        var violations = await Axe.SeriousViolationsAsync(Page, inShadowRoot: false);
        Assert.True(violations.Count == 0, "axe found serious or critical violations:\n" + string.Join("\n", violations));

        await Page.GotoAsync("/admin/objects/tickets/settings");
        await Expect(Page.Locator("[data-live=true]")).ToBeVisibleAsync();
        await Expect(Requirement(ContinuityPrerequisite.SupportAddressThatSends)).ToHaveAttributeAsync("data-met", "true");
        await Switch.CheckAsync();
        // The out-of-office trigger would message visitors too: the page warns and offers to deactivate it.
        await Expect(Page.GetByTestId("out-of-office-warning")).ToContainTextAsync("would get two messages");
        await Expect(Page.GetByLabel("Also deactivate “Out-of-office (away) message”")).ToBeCheckedAsync();
        await Page.GetByLabel("Inactivity window").SelectOptionAsync("7");
        await Save.ClickAsync();
        await Expect(Page.GetByTestId("admin-saved")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("continuity-trigger")).ToContainTextAsync("Request email for continuous conversations (active)");

        var state = await StateAsync();
        Assert.True(state.Enabled);
        Assert.Equal(7, state.WindowMinutes);
        Assert.Null(state.ActiveOutOfOffice);
        Assert.Equal(ContinuitySettings.TriggerName, state.CreatedTrigger?.Name);
        await Page.SetViewportSizeAsync(1280, 900);
        await Screenshots.SaveAsync(Page, "admin-continuous-conversations");
        violations = await Axe.SeriousViolationsAsync(Page, inShadowRoot: false);
        Assert.True(violations.Count == 0, "axe found serious or critical violations:\n" + string.Join("\n", violations));

        // A visitor who starts a conversation is asked for their email five seconds later.
        var messenger = await MessengerPage.OpenAsync(await OpenSecondBrowserAsync(), DemoPath);
        await messenger.OpenPanelAsync();
        var question = "Is the jasmine tea in stock? " + Guid.NewGuid().ToString("N")[..6];
        await messenger.SendAsync(question);
        var conversationId = await App.ConversationWithMessageAsync(question);
        await Until.TrueAsync(() => WaitingAsync(conversationId), "the trigger waits its five seconds");
        await Expect(messenger.EmailInput).ToHaveCountAsync(0);
        App.Clock.Advance(TimeSpan.FromSeconds(4));
        Assert.True(await WaitingAsync(conversationId));
        App.Clock.Advance(TimeSpan.FromSeconds(1));
        await Expect(messenger.EmailInput).ToBeVisibleAsync();

        // Turning it off explains both steps and offers to do the second.
        await Switch.UncheckAsync();
        await Expect(Page.GetByTestId("turn-off-note")).ToContainTextAsync("two steps");
        await Expect(Page.GetByLabel("Also deactivate “Request email for continuous conversations”")).ToBeCheckedAsync();
        await Save.ClickAsync();
        await Expect(Page.GetByTestId("continuity-trigger")).ToContainTextAsync("(inactive)");
        state = await StateAsync();
        Assert.False(state.Enabled);
        Assert.False(state.CreatedTrigger!.IsActive);
    }

    private Task<bool> WaitingAsync(Guid conversationId) => App.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        return await db.TriggerRuns.AnyAsync(r => r.ConversationId == conversationId && r.CompletedAt == null && r.DueAt != null);
    });
}
