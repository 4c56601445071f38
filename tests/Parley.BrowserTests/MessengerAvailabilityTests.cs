using Microsoft.Playwright;
using Parley.BrowserTests.Infrastructure;
using Parley.Core.Accounts;
using Parley.Core.BusinessHours;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

/// <summary>
/// The messenger tells a visitor when nobody can answer now (no agent online, or outside business hours), with
/// when the business is back in the visitor's own time, and follows the change while the panel is open.
/// </summary>
public sealed class MessengerAvailabilityTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Away = "We’re away right now — we’ll reply as soon as we’re back.";

    // A visitor in Seoul: the next opening is shown in their time, not the business's.
    protected override string? BrowserTimeZone => "Asia/Seoul";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await App.ResetAvailabilityAsync();
    }

    private static ILocator Notice(MessengerPage messenger) => messenger.Host.Locator(".away");

    /// <summary>Open all day every day in UTC, but today (UTC) is a holiday: closed now, open again at the next UTC midnight.</summary>
    private async Task<DateTimeOffset> ClosedTodayAsync()
    {
        var today = DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime);
        await App.CreateScheduleAsync(new ScheduleInput("Support", "UTC",
            [.. Enum.GetNames<DayOfWeek>().Select(d => new IntervalInput(d, "00:00", "00:00"))],
            [new HolidayInput(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "Founders' Day")]));
        return new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    }

    [Fact]
    public async Task With_no_agent_online_the_panel_says_replies_come_later_and_passes_axe()
    {
        var messenger = await OpenDemoAsync();

        await messenger.OpenPanelAsync();

        await Expect(Notice(messenger)).ToHaveTextAsync(Away);
        await Expect(Notice(messenger)).ToHaveAttributeAsync("role", "status");
        var violations = await Axe.SeriousViolationsAsync(Page);
        Assert.True(violations.Count == 0, "axe found serious or critical violations:\n" + string.Join("\n", violations));
    }

    [Fact]
    public async Task With_an_agent_online_within_business_hours_there_is_no_notice()
    {
        var agent = await App.CreateAgentAsync();
        await App.SetAgentStatusAsync(agent.Id, AgentStatus.Online);
        var messenger = await OpenDemoAsync();

        await messenger.OpenPanelAsync();
        await messenger.SendAsync("Is anyone there? " + Guid.NewGuid().ToString("N")[..6]);

        await Expect(Notice(messenger)).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Outside_business_hours_the_notice_says_when_the_business_is_back_in_the_visitors_time()
    {
        var agent = await App.CreateAgentAsync();
        await App.SetAgentStatusAsync(agent.Id, AgentStatus.Online);
        var opening = await ClosedTodayAsync();
        var messenger = await OpenDemoAsync();

        await messenger.OpenPanelAsync();

        // UTC midnight is 09:00 in Seoul.
        var expected = await Page.EvaluateAsync<string>(
            """
            (iso) => {
              const d = new Date(iso);
              const options = d.toDateString() === new Date().toDateString() ? { timeStyle: "short" }
                : { weekday: "long", hour: "numeric", minute: "2-digit" };
              return new Intl.DateTimeFormat("en", options).format(d);
            }
            """, opening.ToString("O"));
        Assert.Contains("9:00", expected, StringComparison.Ordinal);
        await Expect(Notice(messenger)).ToHaveTextAsync(Away + "Open again: " + expected);
        await Screenshots.SaveAsync(Page, "messenger-away");
    }

    [Fact]
    public async Task An_agent_coming_online_while_the_panel_is_open_takes_the_notice_away_at_the_next_check()
    {
        await Page.Clock.InstallAsync();
        var agent = await App.CreateAgentAsync();
        var messenger = await OpenDemoAsync();
        await messenger.OpenPanelAsync();
        await Expect(Notice(messenger)).ToHaveTextAsync(Away);

        await App.SetAgentStatusAsync(agent.Id, AgentStatus.Online);
        await Page.Clock.FastForwardAsync("01:01");

        await Expect(Notice(messenger)).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Reopening_the_panel_checks_again()
    {
        var agent = await App.CreateAgentAsync();
        var messenger = await OpenDemoAsync();
        await messenger.OpenPanelAsync();
        await Expect(Notice(messenger)).ToHaveTextAsync(Away);
        await messenger.ClosePanelAsync();

        await App.SetAgentStatusAsync(agent.Id, AgentStatus.Online);
        await messenger.OpenPanelAsync();

        await Expect(Notice(messenger)).ToBeHiddenAsync();
    }
}
