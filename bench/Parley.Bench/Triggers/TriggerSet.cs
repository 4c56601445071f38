using Parley.Core.Accounts;
using Parley.Core.Triggers;

namespace Parley.Bench.Triggers;

/// <summary>
/// Fifty active triggers of the kinds an account sets up (status, hours, page, text, time, tags, counts),
/// built so that none matches the benchmark's events: each event pays for testing all fifty and for
/// nothing else.
/// </summary>
internal static class TriggerSet
{
    public const int Count = 50;

    public static IEnumerable<TriggerDefinition> Definitions() => Enumerable.Range(0, Count).Select(Definition);

    private static TriggerDefinition Definition(int i)
    {
        TriggerCondition C(ConditionField f, ConditionOperator o, string v) => new(f, o, v);
        var (match, conditions) = (i % 5) switch
        {
            0 => (ConditionMatch.All, new[] { C(ConditionField.AccountStatus, ConditionOperator.Is, "away"), C(ConditionField.CustomerEmailPresent, ConditionOperator.Is, "no") }),
            1 => (ConditionMatch.Any, new[] { C(ConditionField.WithinBusinessHours, ConditionOperator.Is, "no"), C(ConditionField.AccountStatus, ConditionOperator.Is, "offline") }),
            2 => (ConditionMatch.All, new[] { C(ConditionField.PageUrl, ConditionOperator.Contains, "/pricing"), C(ConditionField.MessageText, ConditionOperator.Contains, $"refund-{i}") }),
            3 => (ConditionMatch.All, new[]
            {
                C(ConditionField.HourOfDay, ConditionOperator.Between, "22-6"), C(ConditionField.DayOfWeek, ConditionOperator.Is, "sat,sun"),
                C(ConditionField.MessageText, ConditionOperator.Contains, $"never-{i}"),
            }),
            _ => (ConditionMatch.All, new[]
            {
                C(ConditionField.Tags, ConditionOperator.IncludesAny, "vip,sales"), C(ConditionField.EarlierConversations, ConditionOperator.GreaterThan, "2"),
                C(ConditionField.QueueSize, ConditionOperator.GreaterThan, "20"), C(ConditionField.CustomerLanguage, ConditionOperator.Is, "de"),
            }),
        };
        return new TriggerDefinition($"Benchmark trigger {i}", null, TriggerEvent.ConversationRequested, match, conditions,
            [new TriggerAction(ActionType.SendMessage, Text: "Hi {{ customer.name }}, thanks for writing to {{ account.name }}.")], IsActive: true);
    }

    /// <summary>The facts of many different events: what evaluation sees, varied so it cannot settle into one path.</summary>
    public static TriggerFacts[] Facts(int count)
    {
        var random = new Random(42);
        return [.. Enumerable.Range(0, count).Select(i => new TriggerFacts
        {
            Event = TriggerEvent.ConversationRequested,
            Actor = EventActor.Customer,
            PageUrl = random.Next(3) == 0 ? "https://shop.example.com/pricing?plan=pro" : $"https://shop.example.com/products/{i}",
            MessageText = $"Hello, I ordered item {i} last week and would like to know when it ships. Thanks!",
            CustomerName = random.Next(2) == 0 ? "Jo Park" : null,
            CustomerEmail = random.Next(2) == 0 ? "jo@example.com" : null,
            CustomerLanguage = random.Next(2) == 0 ? "en-GB" : "ko",
            Tags = random.Next(4) == 0 ? ["returning"] : [],
            AccountStatus = AccountStatus.Online,
            WithinBusinessHours = true,
            LocalHour = random.Next(24),
            LocalDay = (DayOfWeek)random.Next(7),
            EarlierConversations = random.Next(5),
            QueueSize = random.Next(40),
        })];
    }
}
