using Microsoft.EntityFrameworkCore;
using Parley.Core.Accounts;
using Parley.Core.Data;

namespace Parley.Core.Triggers;

/// <summary>
/// The triggers Parley ships (PRODUCT.md §5), inactive until an admin turns them on. Their messages are
/// presets of <see cref="TriggerTexts"/>, so each end user reads them in their own language.
/// </summary>
public static class DefaultTriggers
{
    public const string FirstReply = "first-reply", ContactDetailsWhenAway = "contact-details-away", AllAgentsOffline = "all-agents-offline",
        OutOfOffice = "out-of-office";

    /// <summary>Raised when a Parley version ships more defaults; an account gets each shipped set once.</summary>
    public const int Version = 1;

    public static IReadOnlyList<(string Key, TriggerDefinition Definition)> All { get; } =
    [
        (FirstReply, new TriggerDefinition("First reply", "Thanks the customer and says someone will be with them shortly.",
            TriggerEvent.ConversationRequested, ConditionMatch.All, [],
            [new TriggerAction(ActionType.SendMessage, Preset: TriggerTexts.FirstReply)])),
        (ContactDetailsWhenAway, new TriggerDefinition("Request contact details when away", "When every agent is away, asks for an email address to reply to.",
            TriggerEvent.ConversationRequested, ConditionMatch.All,
            [new TriggerCondition(ConditionField.AccountStatus, ConditionOperator.Is, "away")],
            [new TriggerAction(ActionType.Wait, Seconds: 5), new TriggerAction(ActionType.RequestEmail, Preset: TriggerTexts.ContactDetailsAway)])),
        (AllAgentsOffline, new TriggerDefinition("All agents offline", "When no agent is online, says a reply may take a while.",
            TriggerEvent.ConversationRequested, ConditionMatch.All,
            [new TriggerCondition(ConditionField.AccountStatus, ConditionOperator.Is, "offline")],
            [new TriggerAction(ActionType.SendMessage, Preset: TriggerTexts.AllOffline)])),
        (OutOfOffice, new TriggerDefinition("Out-of-office (away) message", "Outside business hours, or when the account is offline, says the team is away.",
            TriggerEvent.ConversationRequested, ConditionMatch.Any,
            [
                new TriggerCondition(ConditionField.WithinBusinessHours, ConditionOperator.Is, "no"),
                new TriggerCondition(ConditionField.AccountStatus, ConditionOperator.Is, "offline"),
            ],
            [new TriggerAction(ActionType.SendMessage, Preset: TriggerTexts.OutOfOffice)])),
    ];

    /// <summary>
    /// Adds the shipped triggers an account has not had yet, inactive, after its own. A default an admin
    /// deleted does not come back. Safe when several servers start at once.
    /// </summary>
    public static async Task EnsureAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var settings = await db.Settings.FirstOrDefaultAsync(s => s.Id == AccountSettings.SingletonId, ct);
        if (settings is null || settings.DefaultTriggersVersion >= Version)
        {
            return;
        }
        var existing = await db.Triggers.Where(t => t.DefaultKey != null).Select(t => t.DefaultKey!).ToListAsync(ct);
        var position = (await db.Triggers.MaxAsync(t => (int?)t.Position, ct) ?? -1) + 1;
        var now = clock.GetUtcNow();
        foreach (var (key, definition) in All.Where(d => !existing.Contains(d.Key)))
        {
            var (name, description, conditions, actions) = TriggerRules.Check(definition);
            db.Triggers.Add(new Trigger
            {
                Id = Guid.CreateVersion7(now), DefaultKey = key, Name = name, Description = description, RunOn = definition.RunOn,
                Match = definition.Match, Conditions = conditions, Actions = actions, IsActive = false, Position = position++,
                CreatedAt = now, UpdatedAt = now, Version = Guid.NewGuid(),
            });
        }
        settings.DefaultTriggersVersion = Version;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another server added them at the same moment.
            db.ChangeTracker.Clear();
        }
    }
}
