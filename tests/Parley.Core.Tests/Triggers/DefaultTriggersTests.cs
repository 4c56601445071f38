using Microsoft.EntityFrameworkCore;
using Parley.Core.Accounts;
using Parley.Core.Triggers;

namespace Parley.Core.Tests.Triggers;

public sealed class DefaultTriggersTests : IAsyncLifetime
{
    private TestDatabase _t = null!;

    public async Task InitializeAsync()
    {
        _t = await TestDatabase.CreateAsync();
        _t.Db.Settings.Add(new AccountSettings { UpdatedAt = _t.Clock.GetUtcNow() });
        await _t.Db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    [Fact]
    public async Task The_shipped_triggers_arrive_once_and_inactive()
    {
        await DefaultTriggers.EnsureAsync(_t.Db, _t.Clock, default);
        await DefaultTriggers.EnsureAsync(_t.Db, _t.Clock, default);

        var triggers = await _t.Triggers().ListAsync(default);
        Assert.Equal([DefaultTriggers.FirstReply, DefaultTriggers.ContactDetailsWhenAway, DefaultTriggers.AllAgentsOffline, DefaultTriggers.OutOfOffice],
            triggers.Select(t => t.DefaultKey));
        Assert.All(triggers, t => Assert.False(t.IsActive));
    }

    [Fact]
    public async Task A_deleted_default_does_not_come_back()
    {
        await DefaultTriggers.EnsureAsync(_t.Db, _t.Clock, default);
        var firstReply = (await _t.Triggers().ListAsync(default)).Single(t => t.DefaultKey == DefaultTriggers.FirstReply);
        await _t.Triggers().DeleteAsync(firstReply.Id, default);

        await DefaultTriggers.EnsureAsync(_t.Db, _t.Clock, default);

        Assert.Equal(0, await _t.Db.Triggers.CountAsync(t => t.DefaultKey == DefaultTriggers.FirstReply));
    }

    [Fact]
    public async Task The_out_of_office_message_answers_outside_business_hours_or_when_offline()
    {
        var (_, definition) = DefaultTriggers.All.Single(d => d.Key == DefaultTriggers.OutOfOffice);
        var trigger = TriggerCatalog.Compile(new Trigger { Name = "o", Match = definition.Match, Conditions = [.. definition.Conditions!] });

        Assert.True(trigger.Matches(new TriggerFacts { WithinBusinessHours = false, AccountStatus = AccountStatus.Online }));
        Assert.True(trigger.Matches(new TriggerFacts { WithinBusinessHours = true, AccountStatus = AccountStatus.Offline }));
        Assert.False(trigger.Matches(new TriggerFacts { WithinBusinessHours = true, AccountStatus = AccountStatus.Online }));
    }
}
