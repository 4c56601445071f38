using Parley.Core.Triggers;

namespace Parley.Core.Tests.Triggers;

public sealed class TriggerRulesTests
{
    private static TriggerDefinition Valid(IReadOnlyList<TriggerCondition>? conditions = null, IReadOnlyList<TriggerAction>? actions = null, string? name = "First reply") =>
        new(name, null, TriggerEvent.ConversationRequested, ConditionMatch.All, conditions ?? [], actions ?? [new TriggerAction(ActionType.SendMessage, Text: "Hi")]);

    private static IReadOnlyDictionary<string, string[]> Errors(TriggerDefinition definition) =>
        Assert.Throws<ParleyProblem>(() => TriggerRules.Check(definition)).Errors!;

    [Fact]
    public void A_valid_trigger_is_normalised()
    {
        var (name, _, conditions, actions) = TriggerRules.Check(Valid(
            [new TriggerCondition(ConditionField.AccountStatus, ConditionOperator.Is, " Away "), new TriggerCondition(ConditionField.DayOfWeek, ConditionOperator.Is, "SUN, mon")],
            [new TriggerAction(ActionType.AddTags, Tags: [" VIP ", "vip", "sales"])], name: "  Weekend  "));

        Assert.Equal("Weekend", name);
        Assert.Equal(["away", "mon,sun"], conditions.Select(c => c.Value));
        Assert.Equal(["vip", "sales"], actions[0].Tags);
    }

    [Fact]
    public void Every_wrong_field_is_named_with_its_own_message()
    {
        var errors = Errors(Valid(
            [
                new TriggerCondition(ConditionField.HourOfDay, ConditionOperator.Is, "25"),
                new TriggerCondition(ConditionField.Tags, ConditionOperator.Is, "vip"),
                new TriggerCondition(ConditionField.CustomerLanguage, ConditionOperator.Is, "not a language"),
            ],
            [new TriggerAction(ActionType.Wait, Seconds: 0), new TriggerAction(ActionType.SendMessage, Text: "Hi {{ customer.name ")], name: " "));

        Assert.Equal(["actions[0].seconds", "actions[1].text", "conditions[0].value", "conditions[1].operator", "conditions[2].value", "name"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_trigger_needs_an_action_that_does_something()
    {
        Assert.Contains("actions", Errors(Valid(actions: [])).Keys);
        Assert.Contains("actions", Errors(Valid(actions: [new TriggerAction(ActionType.Wait, Seconds: 5)])).Keys);
    }

    [Fact]
    public void A_message_needs_text_or_a_known_preset_and_an_email_request_may_have_neither()
    {
        Assert.Contains("actions[0].text", Errors(Valid(actions: [new TriggerAction(ActionType.SendMessage)])).Keys);
        Assert.Contains("actions[0].text", Errors(Valid(actions: [new TriggerAction(ActionType.SendMessage, Preset: "no-such-text")])).Keys);
        var (_, _, _, actions) = TriggerRules.Check(Valid(actions: [new TriggerAction(ActionType.RequestEmail), new TriggerAction(ActionType.SendMessage, Preset: TriggerTexts.FirstReply)]));
        Assert.Equal(2, actions.Count);
    }

    [Fact]
    public void Sizes_are_bounded()
    {
        Assert.Contains("name", Errors(Valid(name: new string('n', TriggerRules.MaxNameLength + 1))).Keys);
        Assert.Contains("conditions", Errors(Valid([.. Enumerable.Repeat(new TriggerCondition(ConditionField.CustomerNamePresent, ConditionOperator.Is, "yes"), TriggerRules.MaxConditions + 1)])).Keys);
        Assert.Contains("actions[0].text", Errors(Valid(actions: [new TriggerAction(ActionType.SendMessage, Text: new string('x', TriggerRules.MaxTextLength + 1))])).Keys);
        Assert.Contains("actions[0].seconds", Errors(Valid(actions: [new TriggerAction(ActionType.Wait, Seconds: TriggerRules.MaxWaitSeconds + 1), new TriggerAction(ActionType.SendMessage, Text: "x")])).Keys);
        Assert.Contains("actions[0].tags", Errors(Valid(actions: [new TriggerAction(ActionType.AddTags, Tags: [.. Enumerable.Range(0, 11).Select(i => $"t{i}")])])).Keys);
        Assert.Contains("actions[0].tags", Errors(Valid(actions: [new TriggerAction(ActionType.AddTags, Tags: ["has space"])])).Keys);
    }

    [Theory]
    [InlineData(ConditionField.HourOfDay, ConditionOperator.Between, "9-9")]
    [InlineData(ConditionField.HourOfDay, ConditionOperator.Between, "9")]
    [InlineData(ConditionField.DayOfWeek, ConditionOperator.Is, "monday")]
    [InlineData(ConditionField.AccountStatus, ConditionOperator.Is, "1")]
    [InlineData(ConditionField.SenderType, ConditionOperator.Is, "robot")]
    [InlineData(ConditionField.QueueSize, ConditionOperator.LessThan, "-1")]
    [InlineData(ConditionField.WithinBusinessHours, ConditionOperator.Is, "maybe")]
    [InlineData(ConditionField.PageUrl, ConditionOperator.Contains, "")]
    public void A_value_that_does_not_fit_its_condition_is_refused(ConditionField field, ConditionOperator op, string value) =>
        Assert.Contains("conditions[0].value", Errors(Valid([new TriggerCondition(field, op, value)])).Keys);
}
