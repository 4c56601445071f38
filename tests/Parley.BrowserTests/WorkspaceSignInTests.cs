using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Parley.BrowserTests.Infrastructure;
using Parley.Core.Accounts;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

public sealed class WorkspaceSignInTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task Anonymous_visit_to_a_workspace_page_redirects_to_sign_in_and_back_after_it()
    {
        var agent = await App.CreateAgentAsync();
        await Page.GotoAsync("/workspace/views/mine");
        await Expect(Page).ToHaveURLAsync(new Regex(@"/workspace/sign-in\?returnUrl=%2Fworkspace%2Fviews%2Fmine$"));

        await Page.Locator("#email").FillAsync(agent.Email);
        await Page.Locator("#password").FillAsync(MessengerApp.TestPassword);
        await Page.Locator("button[type=submit]").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(@"/workspace/views/mine$"));
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Mine");
    }

    [Fact]
    public async Task Wrong_password_shows_an_error_and_stays_on_sign_in()
    {
        var agent = await App.CreateAgentAsync();
        var workspace = await AgentWorkspacePage.SubmitSignInAsync(Page, agent.Email, "not-the-password");

        await Expect(workspace.Error).ToHaveTextAsync("The email or password is not correct.");
        await Expect(Page).ToHaveURLAsync(new Regex(@"/workspace/sign-in$"));
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_with_a_message()
    {
        var agent = await App.CreateAgentAsync();
        for (var attempt = 1; attempt < 5; attempt++)
        {
            var failed = await AgentWorkspacePage.SubmitSignInAsync(Page, agent.Email, "not-the-password");
            await Expect(failed.Error).ToHaveTextAsync("The email or password is not correct.");
        }

        var locked = await AgentWorkspacePage.SubmitSignInAsync(Page, agent.Email, "not-the-password");
        await Expect(locked.Error).ToContainTextAsync("Too many failed sign-ins");
        // Locked out means the right password does not help either, until the lock ends.
        var stillLocked = await AgentWorkspacePage.SubmitSignInAsync(Page, agent.Email, MessengerApp.TestPassword);
        await Expect(stillLocked.Error).ToContainTextAsync("Too many failed sign-ins");
    }

    [Fact]
    public async Task Status_switcher_sets_the_agents_status()
    {
        var agent = await App.CreateAgentAsync();
        await AgentWorkspacePage.SignInAsync(Page, agent.Email, MessengerApp.TestPassword);
        var away = Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Away" });

        await away.ClickAsync();

        await Expect(away).ToHaveAttributeAsync("aria-pressed", "true");
        var stored = await App.InScopeAsync(sp => sp.GetRequiredService<AgentDirectory>().FindActiveAsync(agent.Id, default));
        Assert.Equal(AgentStatus.Away, stored!.Status);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var agent = await App.CreateAgentAsync();
        await AgentWorkspacePage.SignInAsync(Page, agent.Email, MessengerApp.TestPassword);

        await Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(@"/workspace/sign-in$"));
        await Page.GotoAsync("/workspace");
        await Expect(Page).ToHaveURLAsync(new Regex(@"/workspace/sign-in\?returnUrl="));
    }

    [Fact]
    public async Task The_api_still_answers_401_rather_than_redirecting()
    {
        var response = await Page.APIRequest.GetAsync("/api/v1/me");
        Assert.Equal((int)HttpStatusCode.Unauthorized, response.Status);
    }
}
