using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.BrowserTests.Infrastructure;
using Parley.Core.Accounts;
using Parley.Core.BusinessHours;
using Parley.Core.Data;
using Parley.Core.Triggers;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

public sealed class OutOfOfficeTriggerTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task Outside_business_hours_the_out_of_office_trigger_answers_a_visitor_though_an_agent_is_online()
    {
        // Open every day, but today is a holiday: the business is closed now, whatever the hour.
        var today = DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime);
        var schedule = await App.InScopeAsync(sp => sp.GetRequiredService<BusinessHoursService>().CreateAsync(new ScheduleInput("Shop", "UTC",
            [.. Enum.GetNames<DayOfWeek>().Select(d => new IntervalInput(d.ToLowerInvariant(), "00:00", "00:00"))],
            [new HolidayInput(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "Company day")]), default));
        var agent = await App.CreateAgentAsync();
        await App.InScopeAsync(sp => sp.GetRequiredService<AgentDirectory>().SetStatusAsync(agent.Id, AgentStatus.Online, default));

        // The admin turns the shipped trigger on in the admin center.
        var admin = await App.CreateAgentAsync(role: AgentRole.Admin);
        await AgentWorkspacePage.SignInAsync(Page, admin.Email, MessengerApp.TestPassword);
        await Page.GotoAsync("/admin/triggers");
        await Expect(Page.Locator("[data-live=true]")).ToBeVisibleAsync();
        await Page.Locator(".pw-trigger-row[data-name='Out-of-office (away) message']").GetByTestId("trigger-active").CheckAsync();
        await Expect(Page.GetByTestId("admin-saved")).ToContainTextAsync("is now active");

        var messenger = await MessengerPage.OpenAsync(await OpenSecondBrowserAsync(), DemoPath);
        await messenger.OpenPanelAsync();
        await messenger.SendAsync("Are you open today?");

        await Expect(messenger.StoredMessage(TriggerTexts.For(TriggerTexts.OutOfOffice, "en"))).ToBeVisibleAsync();
        Assert.Equal(AccountStatus.Online, await App.InScopeAsync(sp => sp.GetRequiredService<AccountAvailability>().StatusAsync(default)));

        // Within business hours again, the next visitor hears nothing from it.
        await App.InScopeAsync(sp => sp.GetRequiredService<BusinessHoursService>().UpdateAsync(schedule.Id, new ScheduleInput("Shop", "UTC",
            [.. Enum.GetNames<DayOfWeek>().Select(d => new IntervalInput(d.ToLowerInvariant(), "00:00", "00:00"))]), default));
        var second = await MessengerPage.OpenAsync(await OpenSecondBrowserAsync(), DemoPath);
        await second.OpenPanelAsync();
        await second.SendAsync("And tomorrow?");
        var conversationId = await App.ConversationWithMessageAsync("And tomorrow?");
        await Until.TrueAsync(() => App.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().TriggerJobs
            .AllAsync(j => j.ConversationId != conversationId || j.CompletedAt != null)), "the trigger engine handled the second conversation");
        Assert.Equal(0, await App.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Messages
            .CountAsync(m => m.ConversationId == conversationId && m.AuthorKind == Parley.Core.Conversations.MessageAuthorKind.Trigger)));
    }
}
