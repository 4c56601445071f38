using Microsoft.EntityFrameworkCore;
using Parley.Core.Accounts;
using Parley.Core.Data;
using Parley.Core.Triggers;

namespace Parley.Core.Continuity;

/// <summary>What must hold before continuous conversations can be turned on (PRODUCT.md §7.2).</summary>
public enum ContinuityPrerequisite
{
    MessagingOn,
    AgentWithChatAccess,
    SupportAddressThatSends,
}

/// <summary>The setting as the admin page shows it.</summary>
public sealed record ContinuityState(
    bool Enabled, int WindowMinutes, IReadOnlyList<ContinuityPrerequisite> Missing,
    TriggerView? CreatedTrigger, TriggerView? ActiveOutOfOffice, int Waiting);

/// <summary>
/// Turning continuous conversations on and off: the prerequisites, the trigger that asks end users for
/// their email, and the out-of-office trigger that would message them too.
/// </summary>
public sealed class ContinuitySettings(AppDbContext db, TriggerService triggers, TimeProvider clock)
{
    public const int MinWindow = 3, MaxWindow = 15;

    public const string TriggerName = "Request email for continuous conversations";

    public async Task<ContinuityState> GetAsync(CancellationToken ct)
    {
        var s = await db.Settings.AsNoTracking().FirstAsync(x => x.Id == AccountSettings.SingletonId, ct);
        var created = s.ContinuityTriggerId is { } id && await db.Triggers.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) is { } t
            ? TriggerView.From(t) : null;
        var outOfOffice = await db.Triggers.AsNoTracking().FirstOrDefaultAsync(t => t.DefaultKey == DefaultTriggers.OutOfOffice && t.IsActive, ct);
        var waiting = await db.Conversations.CountAsync(c => c.ContinuityWindowStartedAt != null, ct);
        return new ContinuityState(s.ContinuousConversationsEnabled, s.InactivityWindowMinutes, await MissingAsync(s, ct),
            created, outOfOffice is null ? null : TriggerView.From(outOfOffice), waiting);
    }

    /// <summary>
    /// Turns it on with <paramref name="windowMinutes"/>, creating (or re-activating) the request-email trigger;
    /// refused, naming each missing prerequisite, unless all hold.
    /// </summary>
    public async Task<ContinuityState> TurnOnAsync(int windowMinutes, bool deactivateOutOfOffice, CancellationToken ct)
    {
        CheckWindow(windowMinutes);
        var s = await db.Settings.FirstAsync(x => x.Id == AccountSettings.SingletonId, ct);
        var missing = await MissingAsync(s, ct);
        if (missing.Count > 0)
        {
            throw new ParleyProblem(ProblemKind.Conflict, "continuity-prerequisites",
                "Continuous conversations need: " + string.Join(", ", missing.Select(Describe)) + ".",
                new Dictionary<string, string[]> { ["prerequisites"] = [.. missing.Select(m => m.ToString())] });
        }
        var existing = s.ContinuityTriggerId is { } id ? await db.Triggers.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) : null;
        var trigger = existing is null
            ? await triggers.CreateAsync(RequestEmailTrigger, ct)
            : existing.IsActive ? TriggerView.From(existing) : await triggers.SetActiveAsync(existing.Id, true, ct);
        if (deactivateOutOfOffice && await db.Triggers.AsNoTracking().FirstOrDefaultAsync(t => t.DefaultKey == DefaultTriggers.OutOfOffice && t.IsActive, ct) is { } ooo)
        {
            await triggers.SetActiveAsync(ooo.Id, false, ct);
        }
        s.ContinuousConversationsEnabled = true;
        s.InactivityWindowMinutes = windowMinutes;
        s.ContinuityTriggerId = trigger.Id;
        s.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return await GetAsync(ct);
    }

    /// <summary>
    /// Turns it off; emails already due are not sent (the outbox checks the setting before each one).
    /// With <paramref name="deactivateTrigger"/>, the trigger it created is deactivated too.
    /// </summary>
    public async Task<ContinuityState> TurnOffAsync(bool deactivateTrigger, CancellationToken ct)
    {
        var s = await db.Settings.FirstAsync(x => x.Id == AccountSettings.SingletonId, ct);
        s.ContinuousConversationsEnabled = false;
        s.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        if (deactivateTrigger && s.ContinuityTriggerId is { } id && await db.Triggers.AsNoTracking().AnyAsync(t => t.Id == id && t.IsActive, ct))
        {
            await triggers.SetActiveAsync(id, false, ct);
        }
        return await GetAsync(ct);
    }

    /// <summary>Changes the window; conversations already waiting are measured against the new one.</summary>
    public async Task<ContinuityState> SetWindowAsync(int windowMinutes, CancellationToken ct)
    {
        CheckWindow(windowMinutes);
        await db.Settings.Where(x => x.Id == AccountSettings.SingletonId).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.InactivityWindowMinutes, windowMinutes).SetProperty(x => x.UpdatedAt, clock.GetUtcNow()), ct);
        return await GetAsync(ct);
    }

    /// <summary>Run event "customer requests a conversation"; wait 5 seconds; request email (PRODUCT.md §7.3).</summary>
    public static TriggerDefinition RequestEmailTrigger { get; } = new(TriggerName,
        "Asks the customer for an email address so unread replies can reach them after they leave.",
        TriggerEvent.ConversationRequested, ConditionMatch.All, [],
        [new TriggerAction(ActionType.Wait, Seconds: 5), new TriggerAction(ActionType.RequestEmail, Preset: TriggerTexts.RequestEmail)], IsActive: true);

    private async Task<IReadOnlyList<ContinuityPrerequisite>> MissingAsync(AccountSettings s, CancellationToken ct)
    {
        var missing = new List<ContinuityPrerequisite>();
        if (!s.MessagingEnabled)
        {
            missing.Add(ContinuityPrerequisite.MessagingOn);
        }
        if (!await db.Agents.AnyAsync(a => a.IsActive && a.ChatAccess, ct))
        {
            missing.Add(ContinuityPrerequisite.AgentWithChatAccess);
        }
        var address = await db.SupportAddresses.AsNoTracking().FirstOrDefaultAsync(a => a.IsDefault, ct);
        if (address is not { HasWorkingRoute: true })
        {
            missing.Add(ContinuityPrerequisite.SupportAddressThatSends);
        }
        return missing;
    }

    private static string Describe(ContinuityPrerequisite p) => p switch
    {
        ContinuityPrerequisite.MessagingOn => "messaging turned on",
        ContinuityPrerequisite.AgentWithChatAccess => "at least one active agent with chat access",
        _ => "a default support address with a working way to send mail",
    };

    private static void CheckWindow(int minutes)
    {
        if (minutes is < MinWindow or > MaxWindow)
        {
            throw ParleyProblem.Invalid("windowMinutes", $"The inactivity window must be {MinWindow} to {MaxWindow} minutes.");
        }
    }
}
