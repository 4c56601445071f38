using Microsoft.EntityFrameworkCore;
using Parley.Core.BusinessHours;
using Parley.Core.Conversations;
using Parley.Core.Triggers;

namespace Parley.Core.Tests.Triggers;

/// <summary>Conditions on time read the account's time zone (the default schedule's) and its business hours, on the moved clock.</summary>
public sealed class TriggerTimeTests : IAsyncLifetime
{
    private TestDatabase _t = null!;
    private Guid _endUser;

    public async Task InitializeAsync()
    {
        _t = await TestDatabase.CreateAsync();
        _endUser = await _t.AddEndUserAsync();
        // Berlin, weekdays 09:00-17:00.
        await _t.BusinessHours().CreateAsync(new ScheduleInput("Office", "Europe/Berlin",
            [.. new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }.Select(d => new IntervalInput(d, "09:00", "17:00"))]), default);
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private async Task<IReadOnlyList<string>> AnswersAtAsync(DateTimeOffset at)
    {
        _t.Clock.SetUtcNow(at);
        var conversation = (await _t.Conversations().StartAsync(_endUser, new EndUserMessageInput("Hello", null), default)).Conversation.Id;
        for (var i = 0; i < 5 && await _t.Engine().RunDueAsync(100, default) > 0; i++)
        {
        }
        await using var db = _t.NewContext();
        return await db.Messages.Where(m => m.ConversationId == conversation && m.AuthorKind == MessageAuthorKind.Trigger)
            .OrderBy(m => m.Seq).Select(m => m.Text).ToListAsync();
    }

    private Task TriggerAsync(string text, params TriggerCondition[] conditions) =>
        _t.Triggers().CreateAsync(new TriggerDefinition(text, null, TriggerEvent.ConversationRequested, ConditionMatch.All, conditions,
            [new TriggerAction(ActionType.SendMessage, Text: text)], IsActive: true), default);

    [Fact]
    public async Task The_hour_of_day_is_read_in_the_accounts_time_zone_on_both_sides_of_a_DST_change()
    {
        await TriggerAsync("nine o'clock in Berlin", new TriggerCondition(ConditionField.HourOfDay, ConditionOperator.Is, "9"));

        // 08:30 UTC is 09:30 in Berlin in winter (UTC+1) and 10:30 in summer (UTC+2).
        Assert.Equal(["nine o'clock in Berlin"], await AnswersAtAsync(new DateTimeOffset(2026, 3, 27, 8, 30, 0, TimeSpan.Zero)));
        Assert.Equal(["nine o'clock in Berlin"], await AnswersAtAsync(new DateTimeOffset(2026, 3, 30, 7, 30, 0, TimeSpan.Zero)));
        Assert.Empty(await AnswersAtAsync(new DateTimeOffset(2026, 3, 30, 8, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task The_day_of_week_turns_at_local_midnight_not_at_UTC_midnight()
    {
        await TriggerAsync("weekend", new TriggerCondition(ConditionField.DayOfWeek, ConditionOperator.Is, "sat,sun"));

        // Friday 22:30 UTC is 23:30 on Friday in Berlin; an hour later it is already Saturday there.
        Assert.Empty(await AnswersAtAsync(new DateTimeOffset(2026, 3, 6, 22, 30, 0, TimeSpan.Zero)));
        Assert.Equal(["weekend"], await AnswersAtAsync(new DateTimeOffset(2026, 3, 6, 23, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task Within_business_hours_follows_the_default_schedule()
    {
        await TriggerAsync("we're closed", new TriggerCondition(ConditionField.WithinBusinessHours, ConditionOperator.Is, "no"));

        Assert.Empty(await AnswersAtAsync(new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.Zero)));        // Wednesday 11:00 in Berlin
        Assert.Equal(["we're closed"], await AnswersAtAsync(new DateTimeOffset(2026, 3, 4, 16, 30, 0, TimeSpan.Zero))); // 17:30 in Berlin
        Assert.Equal(["we're closed"], await AnswersAtAsync(new DateTimeOffset(2026, 3, 7, 10, 0, 0, TimeSpan.Zero)));  // Saturday
    }
}
