using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Parley.BrowserTests.Infrastructure;
using Parley.Core.Accounts;
using Parley.Core.Triggers;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

public sealed class AdminTriggersTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private async Task SignInAdminAtTriggersAsync()
    {
        var admin = await App.CreateAgentAsync(role: AgentRole.Admin);
        await AgentWorkspacePage.SignInAsync(Page, admin.Email, MessengerApp.TestPassword);
        await Page.GotoAsync("/admin/triggers");
        await Expect(Page.Locator("[data-live=true]")).ToBeVisibleAsync();
    }

    private ILocator Row(string name) => Page.Locator($".pw-trigger-row[data-name='{name}']");

    [Fact]
    public async Task An_admin_builds_a_trigger_in_the_editor_and_it_answers_a_visitor_live()
    {
        await SignInAdminAtTriggersAsync();
        var token = "plans" + Guid.NewGuid().ToString("N")[..6];
        await Page.GetByTestId("new-trigger").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/admin/triggers/new$"));
        await Expect(Page.Locator("[data-live=true]")).ToBeVisibleAsync();

        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync("Pricing helper");
        await Page.GetByLabel("Run when").SelectOptionAsync("ConversationRequested");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add condition" }).ClickAsync();
        var condition = Page.GetByTestId("condition").First;
        await condition.Locator("[data-part=field]").SelectOptionAsync("MessageText");
        await condition.Locator("[data-part=operator]").SelectOptionAsync("Contains");
        await condition.Locator("[data-part=value]").FillAsync(token);
        var action = Page.GetByTestId("action").First;
        await action.Locator("[data-part=text]").FillAsync("Our plans start at 9 euros a month, {{ customer.name | default: \"friend\" }}.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add action" }).ClickAsync();
        var second = Page.GetByTestId("action").Nth(1);
        await second.Locator("[data-part=type]").SelectOptionAsync("AddTags");
        await second.Locator("[data-part=tags]").FillAsync("pricing, lead");
        await Page.GetByLabel("Active", new() { Exact = true }).CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save trigger" }).ClickAsync();

        await Expect(Page.GetByTestId("admin-saved")).ToContainTextAsync("saved");
        await Expect(Page).ToHaveURLAsync(new Regex("/admin/triggers/[0-9a-f-]{36}"));
        await Page.SetViewportSizeAsync(1280, 900);
        await Screenshots.SaveAsync(Page, "admin-trigger-editor");

        var messenger = await MessengerPage.OpenAsync(await OpenSecondBrowserAsync(), DemoPath);
        await messenger.OpenPanelAsync();
        await messenger.SendAsync($"What does it cost? {token}");

        await Expect(messenger.StoredMessage("Our plans start at 9 euros a month, friend.")).ToBeVisibleAsync();
        var conversationId = await App.ConversationWithMessageAsync($"What does it cost? {token}");
        var tags = await App.InScopeAsync(async sp => (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Parley.Core.Data.AppDbContext>(sp).Conversations,
            c => c.Id == conversationId)).Tags);
        Assert.Equal(["lead", "pricing"], tags);
    }

    [Fact]
    public async Task A_trigger_with_errors_is_not_saved_and_each_error_is_shown_where_it_is()
    {
        await SignInAdminAtTriggersAsync();
        await Page.GetByTestId("new-trigger").ClickAsync();
        await Expect(Page.Locator("[data-live=true]")).ToBeVisibleAsync();
        var before = await App.InScopeAsync(sp => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<TriggerService>(sp).ListAsync(default));

        await Page.GetByRole(AriaRole.Button, new() { Name = "Add condition" }).ClickAsync();
        var condition = Page.GetByTestId("condition").First;
        await condition.Locator("[data-part=field]").SelectOptionAsync("PageUrl");
        await Page.GetByTestId("action").First.Locator("[data-part=text]").FillAsync("Hi {{ customer.name ");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save trigger" }).ClickAsync();

        await Expect(Page.GetByTestId("admin-error")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-field=name]")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-field='conditions[0]']")).ToContainTextAsync("characters");
        await Expect(Page.Locator("[data-field='actions[0]']")).ToContainTextAsync("Liquid");
        var after = await App.InScopeAsync(sp => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<TriggerService>(sp).ListAsync(default));
        Assert.Equal(before.Count, after.Count);
        var violations = await Axe.SeriousViolationsAsync(Page, inShadowRoot: false);
        Assert.True(violations.Count == 0, "axe found serious or critical violations:\n" + string.Join("\n", violations));
    }

    [Fact]
    public async Task The_list_activates_reorders_clones_and_deletes_triggers()
    {
        await SignInAdminAtTriggersAsync();
        await Expect(Row("First reply")).ToBeVisibleAsync();
        var firstReply = Row("First reply");
        var active = firstReply.GetByTestId("trigger-active");
        await Expect(active).Not.ToBeCheckedAsync();

        var notice = Page.GetByTestId("admin-saved");
        await active.CheckAsync();
        await Expect(notice).ToHaveTextAsync("“First reply” is now active.");
        Assert.True(await TriggerActiveAsync(DefaultTriggers.FirstReply));
        await active.UncheckAsync();
        await Expect(notice).ToHaveTextAsync("“First reply” is now inactive.");
        Assert.False(await TriggerActiveAsync(DefaultTriggers.FirstReply));

        await Row("All agents offline").GetByRole(AriaRole.Button, new() { Name = "Move All agents offline up" }).ClickAsync();
        await Expect(notice).ToHaveTextAsync("“All agents offline” moved to place 2.");
        await Expect(Page.Locator(".pw-trigger-row").Nth(1)).ToHaveAttributeAsync("data-name", "All agents offline");

        await firstReply.GetByRole(AriaRole.Button, new() { Name = "Clone" }).ClickAsync();
        await Expect(notice).ToHaveTextAsync("“First reply” was copied.");
        await Expect(Row("Copy of First reply")).ToBeVisibleAsync();
        await Expect(Page.Locator(".pw-trigger-row").Nth(1)).ToHaveAttributeAsync("data-name", "Copy of First reply");
        await Page.SetViewportSizeAsync(1280, 800);
        await Screenshots.SaveAsync(Page, "admin-triggers");
        var violations = await Axe.SeriousViolationsAsync(Page, inShadowRoot: false);
        Assert.True(violations.Count == 0, "axe found serious or critical violations:\n" + string.Join("\n", violations));

        var copy = Row("Copy of First reply");
        await copy.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(copy).ToContainTextAsync("cannot be undone");
        await copy.GetByRole(AriaRole.Button, new() { Name = "Yes, delete" }).ClickAsync();
        await Expect(Row("Copy of First reply")).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("admin-saved")).ToContainTextAsync("deleted");
    }

    private Task<bool> TriggerActiveAsync(string defaultKey) => App.InScopeAsync(async sp =>
        (await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<TriggerService>(sp).ListAsync(default))
        .Single(t => t.DefaultKey == defaultKey).IsActive);
}
