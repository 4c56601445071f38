using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Parley.BrowserTests.Infrastructure;
using Parley.Core.Accounts;
using Parley.Server.Workspace;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

/// <summary>
/// An agent's status stays true to whether they are there: an open workspace tab keeps them present, a tab closed
/// without signing out lets them go offline, and signing out sets them offline at once.
/// </summary>
public sealed class WorkspacePresenceTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await App.ResetAvailabilityAsync();
    }

    private PresenceOptions Presence => App.Services.GetRequiredService<IOptions<PresenceOptions>>().Value;

    private WorkspaceTabs Tabs => App.Services.GetRequiredService<WorkspaceTabs>();

    private Task<AccountStatus> AccountStatusAsync() => App.InScopeAsync(sp => sp.GetRequiredService<AccountAvailability>().StatusAsync(default));

    private async Task<AgentView> OnlineInWorkspaceAsync()
    {
        var agent = await App.CreateAgentAsync(name: "Mina Park");
        var workspace = await AgentWorkspacePage.SignInAsync(Page, agent.Email, MessengerApp.TestPassword);
        await workspace.WaitUntilLiveAsync();
        var online = Page.GetByRole(AriaRole.Button, new() { Name = "Online", Exact = true });
        await online.ClickAsync();
        await Expect(online).ToHaveAttributeAsync("aria-pressed", "true");
        // The tab's heartbeats run on the server's clock from now on.
        await Until.TrueAsync(() => Task.FromResult(Tabs.Connected(agent.Id) == 1), "the workspace tab is connected");
        return agent;
    }

    /// <summary>Moves the clock one heartbeat on and waits until the open tab has said the agent is still there.</summary>
    private async Task NextHeartbeatAsync(Guid agentId)
    {
        App.Clock.Advance(Presence.Heartbeat);
        // SQLite keeps times to a tenth of a millisecond.
        var now = App.Clock.GetUtcNow().AddMilliseconds(-1);
        await Until.TrueAsync(async () => (await App.StoredAgentAsync(agentId)).LastSeenAt >= now, "the workspace tab sent a heartbeat");
    }

    [Fact]
    public async Task An_open_workspace_tab_keeps_its_agent_online_however_long_it_stays_open()
    {
        var agent = await OnlineInWorkspaceAsync();

        for (var beat = 0; beat < 10; beat++)
        {
            await NextHeartbeatAsync(agent.Id);
        }

        Assert.Equal(0, await App.ExpireStalePresenceAsync());
        Assert.Equal(AgentStatus.Online, (await App.StoredAgentAsync(agent.Id)).Status);
        Assert.Equal(AccountStatus.Online, await AccountStatusAsync());
    }

    [Fact]
    public async Task An_agent_who_closes_the_workspace_without_signing_out_goes_offline_after_the_timeout()
    {
        var agent = await OnlineInWorkspaceAsync();
        await NextHeartbeatAsync(agent.Id);

        await Page.CloseAsync();
        await Until.TrueAsync(() => Task.FromResult(Tabs.Connected(agent.Id) == 0), "the server saw the tab close");
        App.Clock.Advance(Presence.Timeout);

        Assert.Equal(AccountStatus.Offline, await AccountStatusAsync());
        // The presence worker runs on the app's clock: the timeout passing sets the agent Offline, and a sweep
        // after it finds nothing left to do.
        await Until.TrueAsync(async () => (await App.StoredAgentAsync(agent.Id)).Status == AgentStatus.Offline, "the presence worker set the agent offline");
        Assert.Equal(0, await App.ExpireStalePresenceAsync());
    }

    [Fact]
    public async Task Signing_out_of_the_workspace_sets_the_agent_offline()
    {
        var agent = await OnlineInWorkspaceAsync();
        Assert.Equal(AccountStatus.Online, await AccountStatusAsync());

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(@"/workspace/sign-in$"));
        Assert.Equal(AgentStatus.Offline, (await App.StoredAgentAsync(agent.Id)).Status);
        Assert.Equal(AccountStatus.Offline, await AccountStatusAsync());
    }
}
