using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Parley.BrowserTests.Infrastructure;
using Parley.Core.Accounts;
using Parley.Core.BusinessHours;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

/// <summary>Admin center › Business hours: an admin builds schedules in the page, chooses the default, and sees the account's availability.</summary>
public sealed class BusinessHoursAdminTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await App.ResetAvailabilityAsync();
    }

    private async Task OpenPageAsync()
    {
        var admin = await App.CreateAgentAsync(role: AgentRole.Admin, name: "Jun Seo");
        await AgentWorkspacePage.SignInAsync(Page, admin.Email, MessengerApp.TestPassword);
        await Page.GetByTestId("admin-link").ClickAsync();
        await Page.Locator(".pw-view[data-section='business-hours']").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/admin/business-hours$"));
        await Expect(Page.Locator("[data-live=true]")).ToBeVisibleAsync();
    }

    private ILocator Day(string day) => Page.Locator($".pw-hours-day[data-day={day}]");

    private ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private static ScheduleInput Weekdays(string name, string zone = "Europe/Berlin") =>
        new(name, zone, [.. new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }.Select(d => new IntervalInput(d, "09:00", "17:00"))]);

    [Fact]
    public async Task Admin_builds_a_schedule_and_it_is_stored_as_the_default()
    {
        await OpenPageAsync();
        await Expect(Page.GetByTestId("no-schedules")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("editor-title")).ToHaveTextAsync("New schedule");

        await Page.GetByTestId("schedule-name").FillAsync("Berlin office");
        await Page.GetByTestId("timezone-filter").FillAsync("berlin");
        await Page.GetByTestId("timezone").SelectOptionAsync("Europe/Berlin");
        await Page.GetByLabel("Monday, hours 1: closes at").FillAsync("18:00");
        await Button("Remove hours 1 on Friday").ClickAsync();
        await Button("Add hours on Saturday").ClickAsync();
        await Page.GetByLabel("Saturday, hours 1: opens at").FillAsync("22:00");
        await Page.GetByLabel("Saturday, hours 1: closes at").FillAsync("02:00");
        await Button("Add holiday").ClickAsync();
        await Page.GetByLabel("Holiday 1: date").FillAsync("2026-12-25");
        await Page.GetByLabel("Holiday 1: name").FillAsync("Christmas Day");
        await Button("Save").ClickAsync();

        await Expect(Page.GetByTestId("admin-saved")).ToHaveTextAsync("Schedule created.");
        await Expect(Page.Locator("[data-testid=schedule-row][data-name='Berlin office']")).ToHaveAttributeAsync("data-default", "true");
        var stored = Assert.Single(await App.StoredSchedulesAsync());
        Assert.Equal("Europe/Berlin", stored.TimeZone);
        Assert.True(stored.IsDefault);
        Assert.Equal([
            new WeeklyInterval(DayOfWeek.Monday, new(9, 0), new(18, 0)),
            new WeeklyInterval(DayOfWeek.Tuesday, new(9, 0), new(17, 0)),
            new WeeklyInterval(DayOfWeek.Wednesday, new(9, 0), new(17, 0)),
            new WeeklyInterval(DayOfWeek.Thursday, new(9, 0), new(17, 0)),
            new WeeklyInterval(DayOfWeek.Saturday, new(22, 0), new(2, 0)),
        ], stored.Intervals);
        Assert.Equal([new Holiday(new(2026, 12, 25), "Christmas Day")], stored.Holidays);
        // The form now edits what was stored.
        await Expect(Page.GetByTestId("editor-title")).ToHaveTextAsync("Edit Berlin office");
        await Expect(Day("friday")).ToContainTextAsync("Closed");
    }

    [Fact]
    public async Task Invalid_fields_are_marked_one_by_one_and_nothing_is_saved()
    {
        await App.CreateScheduleAsync(Weekdays("Support"));
        await OpenPageAsync();
        var before = await App.StoredSchedulesAsync();

        await Page.GetByTestId("schedule-name").FillAsync("");
        await Page.GetByLabel("Tuesday, hours 1: opens at").FillAsync("");
        await Button("Add holiday").ClickAsync();
        await Page.GetByLabel("Holiday 1: name").FillAsync("No date given");
        await Button("Save").ClickAsync();

        await Expect(Page.GetByTestId("admin-error")).ToHaveTextAsync("Nothing was saved. Correct the fields marked below.");
        await Expect(Page.Locator(".pw-field-error[data-field=name]")).ToHaveTextAsync("A name of 1 to 100 characters is required.");
        await Expect(Page.Locator(".pw-field-error[data-field='intervals[1].start']")).ToHaveTextAsync("Enter a start time like 09:00.");
        await Expect(Page.Locator(".pw-field-error[data-field='holidays[0].date']")).ToHaveTextAsync("Enter the date.");
        await Expect(Page.GetByTestId("schedule-name")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equivalent(before, await App.StoredSchedulesAsync(), strict: true);
    }

    [Fact]
    public async Task Admin_moves_the_default_and_may_delete_the_old_one_but_not_the_default()
    {
        await App.CreateScheduleAsync(Weekdays("Berlin office"));
        await App.CreateScheduleAsync(Weekdays("Seoul office", "Asia/Seoul"));
        await OpenPageAsync();

        await Button("Delete Berlin office").ClickAsync();
        await Page.GetByTestId("confirm-delete").GetByRole(AriaRole.Button, new() { Name = "Yes, delete" }).ClickAsync();
        await Expect(Page.GetByTestId("admin-error")).ToHaveTextAsync(
            "The default schedule cannot be deleted while there are others. Make another one the default first.");

        await Button("Make default: Seoul office").ClickAsync();
        await Expect(Page.GetByTestId("admin-saved")).ToHaveTextAsync("Seoul office is now the default schedule.");
        await Expect(Page.Locator("[data-testid=schedule-row][data-name='Seoul office']")).ToHaveAttributeAsync("data-default", "true");
        await Expect(Page.GetByTestId("availability")).ToContainTextAsync("Default schedule: Seoul office, Asia/Seoul");

        await Button("Delete Berlin office").ClickAsync();
        await Page.GetByTestId("confirm-delete").GetByRole(AriaRole.Button, new() { Name = "Yes, delete" }).ClickAsync();
        await Expect(Page.GetByTestId("admin-saved")).ToHaveTextAsync("Schedule deleted.");
        await Expect(Page.GetByTestId("schedule-row")).ToHaveCountAsync(1);
        Assert.Equal(["Seoul office"], (await App.StoredSchedulesAsync()).Select(s => s.Name));
    }

    [Fact]
    public async Task The_page_head_shows_the_account_status_live_and_whether_it_is_open_now()
    {
        var agent = await App.CreateAgentAsync(name: "Mina Park");
        // Open every day, but today (in UTC) is a holiday: closed now, open again at midnight.
        var today = DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime);
        await App.CreateScheduleAsync(new ScheduleInput("Support", "UTC",
            [.. Enum.GetNames<DayOfWeek>().Select(d => new IntervalInput(d, "00:00", "00:00"))],
            [new HolidayInput(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "Founders' Day")]));
        await OpenPageAsync();
        var availability = Page.GetByTestId("availability");
        await Expect(availability).ToHaveAttributeAsync("data-status", "offline");
        await Expect(Page.GetByTestId("open-now")).ToContainTextAsync("Closed now · opens");

        await App.SetAgentStatusAsync(agent.Id, AgentStatus.Online);

        await Expect(availability).ToHaveAttributeAsync("data-status", "online");
        await Expect(availability).ToContainTextAsync("Account: Online");
    }

    [Fact]
    public async Task Hours_are_added_with_the_keyboard_alone()
    {
        await OpenPageAsync();

        await Button("Add hours on Sunday").FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Day("sunday").GetByTestId("interval")).ToHaveCountAsync(1);
        await Page.Keyboard.PressAsync("Shift+Tab");
        await Page.Keyboard.PressAsync("Shift+Tab");
        await Expect(Page.GetByLabel("Sunday, hours 1: closes at")).ToBeFocusedAsync();
        await Button("Add hours on Sunday").FocusAsync();
        await Page.Keyboard.PressAsync(" ");
        await Expect(Day("sunday").GetByTestId("interval")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task The_business_hours_page_has_no_serious_accessibility_violations()
    {
        await Page.SetViewportSizeAsync(1280, 900);
        await App.CreateScheduleAsync(new ScheduleInput("Berlin office", "Europe/Berlin",
            [new("monday", "09:00", "17:00"), new("tuesday", "09:00", "17:00"), new("wednesday", "09:00", "12:00"), new("wednesday", "13:00", "17:00"),
             new("thursday", "09:00", "17:00"), new("friday", "09:00", "15:00"), new("saturday", "22:00", "02:00")],
            [new("2026-12-24", "Christmas Eve"), new("2026-12-25", "Christmas Day")]));
        await App.CreateScheduleAsync(Weekdays("Seoul office", "Asia/Seoul"));
        await OpenPageAsync();
        await Expect(Page.GetByTestId("editor-title")).ToHaveTextAsync("Edit Berlin office");

        var violations = await Axe.SeriousViolationsAsync(Page, inShadowRoot: false);

        Assert.True(violations.Count == 0, "axe found serious or critical violations:\n" + string.Join("\n", violations));
        await Screenshots.SaveAsync(Page, "admin-business-hours");
    }
}
