using System.Globalization;
using Parley.Core.Conversations;
using Parley.Core.Triggers;

namespace Parley.Server.Admin.Triggers;

/// <summary>A trigger as the editor holds it while the admin works: plain settable fields, turned into a definition on save.</summary>
public sealed class TriggerDraft
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public TriggerEvent RunOn { get; set; } = TriggerEvent.ConversationRequested;
    public ConditionMatch Match { get; set; } = ConditionMatch.All;
    public bool IsActive { get; set; }
    public List<ConditionDraft> Conditions { get; } = [];
    public List<ActionDraft> Actions { get; } = [new()];
    /// <summary>The version it was read at, so saving over someone else's change is refused.</summary>
    public Guid? Version { get; set; }

    public static TriggerDraft From(TriggerView t)
    {
        var draft = new TriggerDraft
        {
            Name = t.Name, Description = t.Description, RunOn = t.RunOn, Match = t.Match, IsActive = t.IsActive, Version = t.Version,
        };
        draft.Conditions.AddRange(t.Conditions.Select(c => new ConditionDraft { Field = c.Field, Operator = c.Operator, Value = c.Value }));
        draft.Actions.Clear();
        draft.Actions.AddRange(t.Actions.Select(ActionDraft.From));
        return draft;
    }

    public TriggerDefinition ToDefinition() => new(
        Name, Description, RunOn, Match,
        [.. Conditions.Select(c => new TriggerCondition(c.Field, c.Operator, c.Value))],
        [.. Actions.Select(a => a.ToAction())],
        IsActive);
}

/// <summary>One condition being edited. Changing the field resets the operator and the value to ones that fit it.</summary>
public sealed class ConditionDraft
{
    private ConditionField _field = ConditionField.AccountStatus;

    public ConditionField Field
    {
        get => _field;
        set
        {
            if (value == _field)
            {
                return;
            }
            _field = value;
            Operator = TriggerRules.Operators[value][0];
            Value = DefaultValue(value);
        }
    }

    public ConditionOperator Operator { get; set; } = ConditionOperator.Is;
    public string Value { get; set; } = "online";

    /// <summary>For "hour of day between": the two hours of "9-17".</summary>
    public int HourFrom { get => Hours().From; set => Value = string.Create(CultureInfo.InvariantCulture, $"{value}-{Hours().To}"); }

    public int HourTo { get => Hours().To; set => Value = string.Create(CultureInfo.InvariantCulture, $"{Hours().From}-{value}"); }

    public bool HasDay(string day) => Value.Split(',').Contains(day);

    public void SetDay(string day, bool on)
    {
        var days = Value.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        _ = on ? days.Add(day) : days.Remove(day);
        Value = string.Join(',', TriggerRules.Days.Where(days.Contains));
    }

    private (int From, int To) Hours()
    {
        var parts = Value.Split('-');
        return (Parse(parts[0], 9), Parse(parts.Length > 1 ? parts[1] : "", 17));
    }

    private static int Parse(string s, int fallback) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : fallback;

    private static string DefaultValue(ConditionField field) => field switch
    {
        ConditionField.AccountStatus => "online",
        ConditionField.WithinBusinessHours or ConditionField.CustomerEmailPresent or ConditionField.CustomerNamePresent or ConditionField.InActiveConversation => "yes",
        ConditionField.HourOfDay => "9",
        ConditionField.DayOfWeek => "mon,tue,wed,thu,fri",
        ConditionField.SenderType => "customer",
        ConditionField.EarlierConversations or ConditionField.QueueSize => "0",
        ConditionField.CustomerLanguage => "en",
        _ => "",
    };
}

/// <summary>One action being edited.</summary>
public sealed class ActionDraft
{
    public ActionType Type { get; set; } = ActionType.SendMessage;
    public string Text { get; set; } = "";
    /// <summary>Parley's text in the customer's language instead of <see cref="Text"/>.</summary>
    public bool UsePreset { get; set; }
    public string Preset { get; set; } = TriggerTexts.FirstReply;
    public int Seconds { get; set; } = 5;
    public string Tags { get; set; } = "";

    public static ActionDraft From(TriggerAction a) => new()
    {
        Type = a.Type, Text = a.Text ?? "", UsePreset = a.Type is ActionType.SendMessage or ActionType.RequestEmail && a.Preset is not null,
        Preset = a.Preset ?? TriggerTexts.FirstReply, Seconds = a.Seconds ?? 5, Tags = string.Join(", ", a.Tags ?? []),
    };

    public TriggerAction ToAction() => Type switch
    {
        ActionType.SendMessage or ActionType.RequestEmail => UsePreset ? new TriggerAction(Type, Preset: Preset) : new TriggerAction(Type, Text: Text),
        ActionType.Wait => new TriggerAction(Type, Seconds: Seconds),
        _ => new TriggerAction(Type, Tags: ConversationTags.Split(Tags)),
    };
}
