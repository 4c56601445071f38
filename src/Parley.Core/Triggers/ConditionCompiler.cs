using System.Globalization;
using Parley.Core.Accounts;

namespace Parley.Core.Triggers;

/// <summary>
/// Turns checked conditions into plain tests over <see cref="TriggerFacts"/>, once when the trigger set is
/// loaded, so evaluating an event parses nothing and allocates little.
/// </summary>
public static class ConditionCompiler
{
    public static Func<TriggerFacts, bool> Compile(TriggerCondition c)
    {
        var v = c.Value;
        var op = c.Operator;
        switch (c.Field)
        {
            case ConditionField.AccountStatus:
                var status = Enum.Parse<AccountStatus>(v, ignoreCase: true);
                return Equality(op, f => f.AccountStatus == status);
            case ConditionField.WithinBusinessHours:
                var within = v == "yes";
                return f => f.WithinBusinessHours == within;
            case ConditionField.CustomerEmailPresent:
                var hasEmail = v == "yes";
                return f => !string.IsNullOrWhiteSpace(f.CustomerEmail) == hasEmail;
            case ConditionField.CustomerNamePresent:
                var hasName = v == "yes";
                return f => !string.IsNullOrWhiteSpace(f.CustomerName) == hasName;
            case ConditionField.InActiveConversation:
                var active = v == "yes";
                return f => f.InActiveConversation == active;
            case ConditionField.HourOfDay:
                return Hour(op, v);
            case ConditionField.DayOfWeek:
                var days = v.Split(',').Select(d => (DayOfWeek)((TriggerRules.Days.ToList().IndexOf(d) + 1) % 7)).ToHashSet();
                return Equality(op, f => days.Contains(f.LocalDay));
            case ConditionField.CustomerLanguage:
                return Equality(op, f => SameLanguage(f.CustomerLanguage, v));
            case ConditionField.PageUrl:
                return Text(op, v, f => f.PageUrl);
            case ConditionField.MessageText:
                return Text(op, v, f => f.MessageText);
            case ConditionField.EarlierConversations:
                return Number(op, int.Parse(v, CultureInfo.InvariantCulture), f => f.EarlierConversations);
            case ConditionField.QueueSize:
                return Number(op, int.Parse(v, CultureInfo.InvariantCulture), f => f.QueueSize);
            case ConditionField.SenderType:
                var actor = Enum.Parse<EventActor>(v, ignoreCase: true);
                return Equality(op, f => f.Actor == actor);
            case ConditionField.Tags:
                var tags = v.Split(',');
                return op switch
                {
                    ConditionOperator.IncludesAll => f => tags.All(f.Tags.Contains),
                    ConditionOperator.IncludesNone => f => !tags.Any(f.Tags.Contains),
                    _ => f => tags.Any(f.Tags.Contains),
                };
            default:
                throw new ArgumentOutOfRangeException(nameof(c), c.Field, "Unknown condition field.");
        }
    }

    /// <summary>The queries the conditions need answered.</summary>
    public static CostlyFacts Needs(TriggerCondition c) => c.Field switch
    {
        ConditionField.AccountStatus => CostlyFacts.AccountStatus,
        ConditionField.WithinBusinessHours => CostlyFacts.BusinessHours,
        ConditionField.HourOfDay or ConditionField.DayOfWeek => CostlyFacts.LocalTime,
        ConditionField.EarlierConversations => CostlyFacts.EarlierConversations,
        ConditionField.InActiveConversation => CostlyFacts.ActiveConversation,
        ConditionField.QueueSize => CostlyFacts.QueueSize,
        _ => CostlyFacts.None,
    };

    private static Func<TriggerFacts, bool> Equality(ConditionOperator op, Func<TriggerFacts, bool> test) =>
        op == ConditionOperator.IsNot ? f => !test(f) : test;

    private static Func<TriggerFacts, bool> Hour(ConditionOperator op, string v)
    {
        if (op == ConditionOperator.Between)
        {
            var parts = v.Split('-');
            var (from, to) = (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
            // "22-6" runs past midnight: from 22:00 up to, not including, 06:00.
            return from < to ? f => f.LocalHour >= from && f.LocalHour < to : f => f.LocalHour >= from || f.LocalHour < to;
        }
        return Number(op, int.Parse(v, CultureInfo.InvariantCulture), f => f.LocalHour);
    }

    private static Func<TriggerFacts, bool> Number(ConditionOperator op, int n, Func<TriggerFacts, int> value) => op switch
    {
        ConditionOperator.LessThan => f => value(f) < n,
        ConditionOperator.GreaterThan => f => value(f) > n,
        ConditionOperator.IsNot => f => value(f) != n,
        _ => f => value(f) == n,
    };

    private static Func<TriggerFacts, bool> Text(ConditionOperator op, string v, Func<TriggerFacts, string?> value) => op switch
    {
        ConditionOperator.IsNot => f => !string.Equals(value(f)?.Trim(), v, StringComparison.OrdinalIgnoreCase),
        ConditionOperator.Contains => f => value(f)?.Contains(v, StringComparison.OrdinalIgnoreCase) == true,
        ConditionOperator.DoesNotContain => f => value(f)?.Contains(v, StringComparison.OrdinalIgnoreCase) != true,
        ConditionOperator.StartsWith => f => value(f)?.StartsWith(v, StringComparison.OrdinalIgnoreCase) == true,
        _ => f => string.Equals(value(f)?.Trim(), v, StringComparison.OrdinalIgnoreCase),
    };

    /// <summary>"pt" matches "pt-BR" and "pt-PT"; "pt-BR" matches only itself.</summary>
    private static bool SameLanguage(string? actual, string wanted) =>
        actual is not null && (string.Equals(actual, wanted, StringComparison.OrdinalIgnoreCase) ||
            (!wanted.Contains('-', StringComparison.Ordinal) && actual.StartsWith(wanted + "-", StringComparison.OrdinalIgnoreCase)));
}
