using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parley.BrowserTests.Infrastructure;
using Parley.Core.Accounts;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

public sealed class AdminCenterTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    /// <summary>Signs in a new admin and opens an admin page by the workspace's link, waiting until it is live.</summary>
    private async Task<AgentView> SignInAdminAtAsync(string section)
    {
        var admin = await App.CreateAgentAsync(role: AgentRole.Admin);
        await AgentWorkspacePage.SignInAsync(Page, admin.Email, MessengerApp.TestPassword);
        await Page.GetByTestId("admin-link").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/admin$"));
        await Page.Locator($".pw-view[data-section='{section}']").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex($"/admin/{section}$"));
        await Expect(Page.Locator("[data-live=true]")).ToBeVisibleAsync();
        return admin;
    }

    private Task SaveAsync() => Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

    private Task<AccountSettings> StoredSettingsAsync() => App.InScopeAsync(sp => sp.GetRequiredService<SettingsService>().GetAsync(default));

    [Fact]
    public async Task Admin_creates_an_agent_who_can_then_sign_in_with_the_shown_password()
    {
        await SignInAdminAtAsync("team");
        var email = $"new-{Guid.NewGuid():N}@parley.test";

        await Page.Locator("#new-name").FillAsync("Mina Park");
        await Page.Locator("#new-email").FillAsync(email);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create agent" }).ClickAsync();

        var password = Page.GetByTestId("generated-password");
        await Expect(password).ToBeVisibleAsync();
        await Expect(Page.Locator($".pw-team-row[data-email='{email}']")).ToContainTextAsync("Mina Park");
        var shown = (await password.TextContentAsync())!.Trim();

        var other = await OpenSecondBrowserAsync();
        await AgentWorkspacePage.SignInAsync(other, email, shown);
        await Expect(other.Locator(".pw-me-name")).ToHaveTextAsync("Mina Park");
        // A plain agent gets no link to the admin center.
        await Expect(other.GetByTestId("admin-link")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_duplicate_email_is_refused_with_a_clear_error()
    {
        await SignInAdminAtAsync("team");
        var existing = await App.CreateAgentAsync();
        await Page.ReloadAsync();
        await Expect(Page.Locator("[data-live=true]")).ToBeVisibleAsync();

        await Page.Locator("#new-name").FillAsync("Someone Else");
        await Page.Locator("#new-email").FillAsync(existing.Email);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create agent" }).ClickAsync();

        await Expect(Page.GetByTestId("admin-error")).ToHaveTextAsync("An agent with this email already exists.");
        await Expect(Page.GetByTestId("generated-password")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Admin_deactivates_and_reactivates_an_agent()
    {
        await SignInAdminAtAsync("team");
        var agent = await App.CreateAgentAsync();
        await Page.ReloadAsync();
        await Expect(Page.Locator("[data-live=true]")).ToBeVisibleAsync();
        var row = Page.Locator($".pw-team-row[data-email='{agent.Email}']");

        await row.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-active", "false");
        Assert.Null(await App.InScopeAsync(sp => sp.GetRequiredService<AgentDirectory>().FindActiveAsync(agent.Id, default)));

        await row.GetByRole(AriaRole.Button, new() { Name = "Reactivate" }).ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-active", "true");
    }

    [Fact]
    public async Task An_agent_who_is_not_an_admin_cannot_open_admin_pages()
    {
        var admin = await App.CreateAgentAsync(role: AgentRole.Admin);
        var agent = await App.CreateAgentAsync();
        await AgentWorkspacePage.SignInAsync(Page, agent.Email, MessengerApp.TestPassword);
        await Expect(Page.GetByTestId("admin-link")).ToHaveCountAsync(0);

        foreach (var path in new[] { "/admin", "/admin/team", "/admin/messaging", "/admin/languages", "/admin/business-hours", "/admin/objects/tickets/settings",
            "/admin/email-templates", "/admin/development-mailbox" })
        {
            var response = await Page.GotoAsync(path);
            Assert.Equal(403, response!.Status);
            var body = await response.TextAsync();
            Assert.DoesNotContain(admin.Email, body, StringComparison.Ordinal);
            await Expect(Page.Locator("h1")).ToHaveTextAsync("Not allowed");
        }
    }

    [Fact]
    public async Task Anonymous_visit_to_an_admin_page_redirects_to_sign_in()
    {
        await Page.GotoAsync("/admin/team");
        await Expect(Page).ToHaveURLAsync(new Regex(@"/workspace/sign-in\?returnUrl=%2Fadmin%2Fteam$"));
    }

    [Fact]
    public async Task Admin_changes_the_greeting_and_the_messenger_shows_it()
    {
        await SignInAdminAtAsync("messaging");
        var greeting = $"Welcome to the shop {Guid.NewGuid():N}";

        await Page.Locator("#greeting").FillAsync(greeting);
        await SaveAsync();
        await Expect(Page.GetByTestId("admin-saved")).ToHaveTextAsync("Saved.");
        Assert.Equal(greeting, (await StoredSettingsAsync()).Greeting);

        var messenger = await OpenDemoInNewTabAsync();
        await messenger.OpenPanelAsync();
        await Expect(messenger.Host.Locator(".greeting")).ToHaveTextAsync(greeting);
    }

    [Fact]
    public async Task An_invalid_colour_shows_an_error_and_changes_nothing()
    {
        await SignInAdminAtAsync("messaging");
        var before = await StoredSettingsAsync();

        await Page.Locator("#greeting").FillAsync("This must not be saved");
        await Page.Locator("#messenger-color").FillAsync("blue");
        await SaveAsync();

        await Expect(Page.Locator(".pw-field-error[data-field=messengerColor]")).ToHaveTextAsync("The colour must look like #1a2b3c.");
        await Expect(Page.Locator("#messenger-color")).ToHaveAttributeAsync("aria-invalid", "true");
        var after = await StoredSettingsAsync();
        Assert.Equal(before.Greeting, after.Greeting);
        Assert.Equal(before.MessengerColor, after.MessengerColor);
    }

    [Fact]
    public async Task Admin_sets_the_default_and_offered_languages()
    {
        await SignInAdminAtAsync("languages");

        await Page.Locator("#default-language").SelectOptionAsync("ko");
        await Page.Locator("input[type=checkbox][value=ja]").UncheckAsync();
        await SaveAsync();

        await Expect(Page.GetByTestId("admin-saved")).ToBeVisibleAsync();
        var stored = await StoredSettingsAsync();
        Assert.Equal("ko", stored.DefaultLanguage);
        Assert.DoesNotContain("ja", stored.OfferedLanguages.Split(','));
        Assert.Contains("ko", stored.OfferedLanguages.Split(','));
    }

    [Fact]
    public async Task An_admin_demoted_while_the_page_is_open_can_change_nothing()
    {
        var admin = await SignInAdminAtAsync("team");
        await App.CreateAgentAsync(role: AgentRole.Admin);
        // Another admin takes the role away; the open page's circuit still thinks it belongs to an admin.
        await App.InScopeAsync(sp => sp.GetRequiredService<AgentDirectory>().UpdateAsync(admin.Id, new AgentChanges(Role: AgentRole.Agent), default));
        var email = $"refused-{Guid.NewGuid():N}@parley.test";

        await Page.Locator("#new-name").FillAsync("Not Created");
        await Page.Locator("#new-email").FillAsync(email);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create agent" }).ClickAsync();

        await Expect(Page.GetByTestId("admin-error")).ToHaveTextAsync("Only admins can open the admin center.");
        var agents = await App.InScopeAsync(sp => sp.GetRequiredService<AgentDirectory>().ListAsync(default));
        Assert.DoesNotContain(agents, a => a.Email == email);
    }
}
