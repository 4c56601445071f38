using System.Globalization;
using Parley.Core.Accounts;
using Parley.Core.Conversations;

namespace Parley.Core.Triggers;

/// <summary>A trigger as an admin writes it, before it is checked.</summary>
public sealed record TriggerDefinition(
    string? Name,
    string? Description,
    TriggerEvent RunOn,
    ConditionMatch Match,
    IReadOnlyList<TriggerCondition>? Conditions,
    IReadOnlyList<TriggerAction>? Actions,
    bool IsActive = false);

/// <summary>
/// Checks a trigger from outside: every field with its own message (keyed "name", "conditions[2].value",
/// "actions[0].text", …), and the trigger as it will be stored, values normalised. Nothing is saved from a
/// definition with any error.
/// </summary>
public static class TriggerRules
{
    public const int MaxNameLength = 100, MaxDescriptionLength = 500, MaxConditions = 20, MaxActions = 20,
        MaxTextLength = 2_000, MaxValueLength = 500, MaxWaitSeconds = 86_400, MaxTagsPerAction = 10;

    public static readonly IReadOnlyDictionary<ConditionField, ConditionOperator[]> Operators = new Dictionary<ConditionField, ConditionOperator[]>
    {
        [ConditionField.AccountStatus] = [ConditionOperator.Is, ConditionOperator.IsNot],
        [ConditionField.WithinBusinessHours] = [ConditionOperator.Is],
        [ConditionField.HourOfDay] = [ConditionOperator.Is, ConditionOperator.IsNot, ConditionOperator.LessThan, ConditionOperator.GreaterThan, ConditionOperator.Between],
        [ConditionField.DayOfWeek] = [ConditionOperator.Is, ConditionOperator.IsNot],
        [ConditionField.CustomerEmailPresent] = [ConditionOperator.Is],
        [ConditionField.CustomerNamePresent] = [ConditionOperator.Is],
        [ConditionField.CustomerLanguage] = [ConditionOperator.Is, ConditionOperator.IsNot],
        [ConditionField.PageUrl] = [ConditionOperator.Is, ConditionOperator.IsNot, ConditionOperator.Contains, ConditionOperator.DoesNotContain, ConditionOperator.StartsWith],
        [ConditionField.EarlierConversations] = [ConditionOperator.Is, ConditionOperator.LessThan, ConditionOperator.GreaterThan],
        [ConditionField.InActiveConversation] = [ConditionOperator.Is],
        [ConditionField.SenderType] = [ConditionOperator.Is, ConditionOperator.IsNot],
        [ConditionField.MessageText] = [ConditionOperator.Is, ConditionOperator.Contains, ConditionOperator.DoesNotContain],
        [ConditionField.Tags] = [ConditionOperator.IncludesAny, ConditionOperator.IncludesAll, ConditionOperator.IncludesNone],
        [ConditionField.QueueSize] = [ConditionOperator.Is, ConditionOperator.LessThan, ConditionOperator.GreaterThan],
    };

    public static readonly IReadOnlyList<string> Days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    /// <summary>The checked trigger's parts, or a validation problem naming every field that is wrong.</summary>
    public static (string Name, string Description, List<TriggerCondition> Conditions, List<TriggerAction> Actions) Check(TriggerDefinition d)
    {
        var errors = new Dictionary<string, List<string>>();
        void Error(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }
            list.Add(message);
        }

        var name = d.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength)
        {
            Error("name", $"A trigger needs a name of at most {MaxNameLength} characters.");
        }
        var description = d.Description?.Trim() ?? "";
        if (description.Length > MaxDescriptionLength)
        {
            Error("description", $"The description can be at most {MaxDescriptionLength} characters.");
        }
        if (!Enum.IsDefined(d.RunOn))
        {
            Error("runOn", "Unknown run event.");
        }
        if (!Enum.IsDefined(d.Match))
        {
            Error("match", "Match all or any conditions.");
        }

        var conditions = new List<TriggerCondition>();
        var given = d.Conditions ?? [];
        if (given.Count > MaxConditions)
        {
            Error("conditions", $"A trigger can have at most {MaxConditions} conditions.");
        }
        for (var i = 0; i < Math.Min(given.Count, MaxConditions); i++)
        {
            var (checkedCondition, field, message) = CheckCondition(given[i]);
            if (message is not null)
            {
                Error($"conditions[{i}].{field}", message);
            }
            else
            {
                conditions.Add(checkedCondition!);
            }
        }

        var actions = new List<TriggerAction>();
        var steps = d.Actions ?? [];
        if (steps.Count is 0 or > MaxActions)
        {
            Error("actions", $"A trigger needs 1 to {MaxActions} actions.");
        }
        for (var i = 0; i < Math.Min(steps.Count, MaxActions); i++)
        {
            var (checkedAction, field, message) = CheckAction(steps[i]);
            if (message is not null)
            {
                Error($"actions[{i}].{field}", message);
            }
            else
            {
                actions.Add(checkedAction!);
            }
        }
        if (actions.Count > 0 && actions.All(a => a.Type == ActionType.Wait))
        {
            Error("actions", "A trigger that only waits does nothing; add a message, an email request or tags.");
        }

        if (errors.Count > 0)
        {
            throw new ParleyProblem(ProblemKind.Validation, "validation", "The trigger was not saved.",
                errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
        return (name, description, conditions, actions);
    }

    private static (TriggerCondition?, string Field, string? Message) CheckCondition(TriggerCondition c)
    {
        if (!Operators.TryGetValue(c.Field, out var allowed))
        {
            return (null, "field", "Unknown condition.");
        }
        if (!allowed.Contains(c.Operator))
        {
            return (null, "operator", $"This condition takes: {string.Join(", ", allowed)}.");
        }
        var value = (c.Value ?? "").Trim();
        string? normalized = c.Field switch
        {
            ConditionField.AccountStatus => Enum.TryParse<AccountStatus>(value, ignoreCase: true, out var s) && Enum.IsDefined(s) && !char.IsAsciiDigit(value[0])
                ? s.ToString().ToLowerInvariant() : null,
            ConditionField.WithinBusinessHours or ConditionField.CustomerEmailPresent or ConditionField.CustomerNamePresent or ConditionField.InActiveConversation =>
                value.ToLowerInvariant() is "yes" or "no" ? value.ToLowerInvariant() : null,
            ConditionField.HourOfDay => c.Operator == ConditionOperator.Between ? HourRange(value) : Hour(value)?.ToString(CultureInfo.InvariantCulture),
            ConditionField.DayOfWeek => DayList(value),
            ConditionField.CustomerLanguage => SettingsService.IsLanguageTag(value) ? value : null,
            ConditionField.EarlierConversations or ConditionField.QueueSize =>
                int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 1_000_000 ? n.ToString(CultureInfo.InvariantCulture) : null,
            ConditionField.SenderType => Enum.TryParse<EventActor>(value, ignoreCase: true, out var a) && Enum.IsDefined(a) && !char.IsAsciiDigit(value[0])
                ? a.ToString().ToLowerInvariant() : null,
            ConditionField.Tags => TagList(value),
            _ => value.Length is > 0 and <= MaxValueLength ? value : null, // page URL, message text
        };
        return normalized is null
            ? (null, "value", ValueHint(c.Field))
            : (c with { Value = normalized }, "", null);
    }

    private static string ValueHint(ConditionField field) => field switch
    {
        ConditionField.AccountStatus => "Choose online, away or offline.",
        ConditionField.WithinBusinessHours or ConditionField.CustomerEmailPresent or ConditionField.CustomerNamePresent or ConditionField.InActiveConversation => "Choose yes or no.",
        ConditionField.HourOfDay => "An hour from 0 to 23, or for \"between\" two hours such as 9-17.",
        ConditionField.DayOfWeek => "One or more days: mon, tue, wed, thu, fri, sat, sun.",
        ConditionField.CustomerLanguage => "A language tag such as en or pt-BR.",
        ConditionField.EarlierConversations or ConditionField.QueueSize => "A whole number from 0.",
        ConditionField.SenderType => "Choose customer, agent or system.",
        ConditionField.Tags => $"One to {MaxTagsPerAction} tags of letters, digits, '-', '_', ':' or '.', at most {ConversationTags.MaxLength} characters each.",
        _ => $"A value of 1 to {MaxValueLength} characters.",
    };

    private static (TriggerAction?, string Field, string? Message) CheckAction(TriggerAction a)
    {
        switch (a.Type)
        {
            case ActionType.SendMessage:
            case ActionType.RequestEmail:
                var text = a.Text?.Trim();
                if (string.IsNullOrEmpty(text))
                {
                    if (a.Type == ActionType.SendMessage && (a.Preset is null || !TriggerTexts.IsPreset(a.Preset)))
                    {
                        return (null, "text", "A message needs some text.");
                    }
                    if (a.Preset is not null && !TriggerTexts.IsPreset(a.Preset))
                    {
                        return (null, "preset", "Unknown preset text.");
                    }
                    return (new TriggerAction(a.Type, Preset: a.Preset), "", null);
                }
                if (text.Length > MaxTextLength)
                {
                    return (null, "text", $"A message can be at most {MaxTextLength} characters.");
                }
                if (TriggerTemplates.Problem(text) is { } problem)
                {
                    return (null, "text", "The placeholders are not valid Liquid: " + problem);
                }
                return (new TriggerAction(a.Type, Text: text), "", null);
            case ActionType.Wait:
                return a.Seconds is >= 1 and <= MaxWaitSeconds
                    ? (new TriggerAction(ActionType.Wait, Seconds: a.Seconds), "", null)
                    : (null, "seconds", $"Wait between 1 and {MaxWaitSeconds} seconds.");
            case ActionType.AddTags:
            case ActionType.RemoveTags:
                var tags = (a.Tags ?? []).Select(ConversationTags.Normalize).ToList();
                return tags.Count is 0 or > MaxTagsPerAction || tags.Any(t => t is null)
                    ? (null, "tags", ValueHint(ConditionField.Tags))
                    : (new TriggerAction(a.Type, Tags: [.. tags.OfType<string>().Distinct()]), "", null);
            default:
                return (null, "type", "Unknown action.");
        }
    }

    internal static int? Hour(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var h) && h is >= 0 and <= 23 ? h : null;

    private static string? HourRange(string value) =>
        value.Split('-') is [var from, var to] && Hour(from.Trim()) is { } f && Hour(to.Trim()) is { } t && f != t
            ? string.Create(CultureInfo.InvariantCulture, $"{f}-{t}") : null;

    private static string? DayList(string value)
    {
        var days = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(d => d.ToLowerInvariant()).ToList();
        return days.Count > 0 && days.All(Days.Contains) ? string.Join(',', Days.Where(days.Contains)) : null;
    }

    private static string? TagList(string value)
    {
        var tags = ConversationTags.Split(value).Select(ConversationTags.Normalize).ToList();
        return tags.Count is > 0 and <= MaxTagsPerAction && tags.All(t => t is not null) ? string.Join(',', tags.Distinct()) : null;
    }
}
