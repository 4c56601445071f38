using Parley.Core.Accounts;
using Parley.Core.Triggers;

namespace Parley.Core.Tests.Triggers;

public sealed class ConditionCompilerTests
{
    private static bool Test(ConditionField field, ConditionOperator op, string value, TriggerFacts facts)
    {
        // Conditions are compiled as stored: checked and normalised first.
        var (_, _, conditions, _) = TriggerRules.Check(new TriggerDefinition("t", null, TriggerEvent.ConversationRequested, ConditionMatch.All,
            [new TriggerCondition(field, op, value)], [new TriggerAction(ActionType.SendMessage, Text: "x")]));
        return ConditionCompiler.Compile(conditions[0])(facts);
    }

    [Theory]
    [InlineData(ConditionOperator.Is, "away", AccountStatus.Away, true)]
    [InlineData(ConditionOperator.Is, "Online", AccountStatus.Away, false)]
    [InlineData(ConditionOperator.IsNot, "offline", AccountStatus.Online, true)]
    [InlineData(ConditionOperator.IsNot, "offline", AccountStatus.Offline, false)]
    public void Account_status_is_or_is_not(ConditionOperator op, string value, AccountStatus status, bool expected) =>
        Assert.Equal(expected, Test(ConditionField.AccountStatus, op, value, new TriggerFacts { AccountStatus = status }));

    [Theory]
    [InlineData("yes", true, true)]
    [InlineData("no", true, false)]
    [InlineData("no", false, true)]
    public void Within_business_hours_yes_or_no(string value, bool within, bool expected) =>
        Assert.Equal(expected, Test(ConditionField.WithinBusinessHours, ConditionOperator.Is, value, new TriggerFacts { WithinBusinessHours = within }));

    [Theory]
    [InlineData(ConditionOperator.Is, "9", 9, true)]
    [InlineData(ConditionOperator.IsNot, "9", 9, false)]
    [InlineData(ConditionOperator.LessThan, "9", 8, true)]
    [InlineData(ConditionOperator.LessThan, "9", 9, false)]
    [InlineData(ConditionOperator.GreaterThan, "17", 18, true)]
    [InlineData(ConditionOperator.Between, "9-17", 9, true)]
    [InlineData(ConditionOperator.Between, "9-17", 17, false)]
    [InlineData(ConditionOperator.Between, "22-6", 23, true)]
    [InlineData(ConditionOperator.Between, "22-6", 3, true)]
    [InlineData(ConditionOperator.Between, "22-6", 6, false)]
    [InlineData(ConditionOperator.Between, "22-6", 12, false)]
    public void Hour_of_day_compares_and_ranges_wrap_past_midnight(ConditionOperator op, string value, int hour, bool expected) =>
        Assert.Equal(expected, Test(ConditionField.HourOfDay, op, value, new TriggerFacts { LocalHour = hour }));

    [Theory]
    [InlineData(ConditionOperator.Is, "sat,sun", DayOfWeek.Sunday, true)]
    [InlineData(ConditionOperator.Is, "sat,sun", DayOfWeek.Monday, false)]
    [InlineData(ConditionOperator.IsNot, "mon", DayOfWeek.Monday, false)]
    [InlineData(ConditionOperator.Is, "MON, fri", DayOfWeek.Friday, true)]
    public void Day_of_week_is_one_of(ConditionOperator op, string value, DayOfWeek day, bool expected) =>
        Assert.Equal(expected, Test(ConditionField.DayOfWeek, op, value, new TriggerFacts { LocalDay = day }));

    [Theory]
    [InlineData(ConditionField.CustomerEmailPresent, "yes", "jo@example.com", null, true)]
    [InlineData(ConditionField.CustomerEmailPresent, "yes", null, "Jo", false)]
    [InlineData(ConditionField.CustomerEmailPresent, "no", "  ", null, true)]
    [InlineData(ConditionField.CustomerNamePresent, "yes", null, "Jo", true)]
    [InlineData(ConditionField.CustomerNamePresent, "no", null, "Jo", false)]
    public void Customer_email_and_name_present(ConditionField field, string value, string? email, string? name, bool expected) =>
        Assert.Equal(expected, Test(field, ConditionOperator.Is, value, new TriggerFacts { CustomerEmail = email, CustomerName = name }));

    [Theory]
    [InlineData(ConditionOperator.Is, "pt", "pt-BR", true)]
    [InlineData(ConditionOperator.Is, "pt-BR", "pt-PT", false)]
    [InlineData(ConditionOperator.Is, "ko", "KO", true)]
    [InlineData(ConditionOperator.IsNot, "en", "de", true)]
    [InlineData(ConditionOperator.Is, "en", null, false)]
    public void Customer_language_matches_a_base_language_or_exactly(ConditionOperator op, string value, string? language, bool expected) =>
        Assert.Equal(expected, Test(ConditionField.CustomerLanguage, op, value, new TriggerFacts { CustomerLanguage = language }));

    [Theory]
    [InlineData(ConditionOperator.Contains, "/pricing", "https://shop.example.com/pricing?plan=pro", true)]
    [InlineData(ConditionOperator.DoesNotContain, "/pricing", "https://shop.example.com/cart", true)]
    [InlineData(ConditionOperator.StartsWith, "https://shop.example.com/help", "https://shop.example.com/help/returns", true)]
    [InlineData(ConditionOperator.Is, "https://shop.example.com/", "HTTPS://shop.example.com/", true)]
    [InlineData(ConditionOperator.IsNot, "https://shop.example.com/", "https://shop.example.com/", false)]
    [InlineData(ConditionOperator.Contains, "/pricing", null, false)]
    public void Page_url_is_contains_or_starts_with(ConditionOperator op, string value, string? url, bool expected) =>
        Assert.Equal(expected, Test(ConditionField.PageUrl, op, value, new TriggerFacts { PageUrl = url }));

    [Theory]
    [InlineData(ConditionOperator.Contains, "refund", "Can I get a REFUND?", true)]
    [InlineData(ConditionOperator.DoesNotContain, "refund", "Where is my parcel?", true)]
    [InlineData(ConditionOperator.Is, "hi", " Hi ", true)]
    public void Message_text_ignores_case(ConditionOperator op, string value, string text, bool expected) =>
        Assert.Equal(expected, Test(ConditionField.MessageText, op, value, new TriggerFacts { MessageText = text }));

    [Theory]
    [InlineData(ConditionField.EarlierConversations, ConditionOperator.Is, "0", 0, true)]
    [InlineData(ConditionField.EarlierConversations, ConditionOperator.GreaterThan, "2", 3, true)]
    [InlineData(ConditionField.QueueSize, ConditionOperator.LessThan, "10", 10, false)]
    [InlineData(ConditionField.QueueSize, ConditionOperator.GreaterThan, "10", 11, true)]
    public void Counts_compare_as_numbers(ConditionField field, ConditionOperator op, string value, int count, bool expected) =>
        Assert.Equal(expected, Test(field, op, value, new TriggerFacts { EarlierConversations = count, QueueSize = count }));

    [Theory]
    [InlineData("yes", true, true)]
    [InlineData("no", true, false)]
    public void Customer_in_an_active_conversation(string value, bool active, bool expected) =>
        Assert.Equal(expected, Test(ConditionField.InActiveConversation, ConditionOperator.Is, value, new TriggerFacts { InActiveConversation = active }));

    [Theory]
    [InlineData(ConditionOperator.Is, "customer", EventActor.Customer, true)]
    [InlineData(ConditionOperator.IsNot, "agent", EventActor.Agent, false)]
    public void Sender_type(ConditionOperator op, string value, EventActor actor, bool expected) =>
        Assert.Equal(expected, Test(ConditionField.SenderType, op, value, new TriggerFacts { Actor = actor }));

    [Theory]
    [InlineData(ConditionOperator.IncludesAny, "vip, sales", true)]
    [InlineData(ConditionOperator.IncludesAll, "vip,sales", false)]
    [InlineData(ConditionOperator.IncludesAll, "vip", true)]
    [InlineData(ConditionOperator.IncludesNone, "sales,billing", true)]
    [InlineData(ConditionOperator.IncludesNone, "VIP", false)]
    public void Tags_include_any_all_or_none(ConditionOperator op, string value, bool expected) =>
        Assert.Equal(expected, Test(ConditionField.Tags, op, value, new TriggerFacts { Tags = ["vip", "returning"] }));

    [Fact]
    public void Only_the_queries_a_trigger_set_needs_are_asked_for()
    {
        var trigger = TriggerCatalog.Compile(new Trigger
        {
            Name = "t",
            Conditions = [new(ConditionField.AccountStatus, ConditionOperator.Is, "away"), new(ConditionField.PageUrl, ConditionOperator.Contains, "x")],
        });

        Assert.Equal(CostlyFacts.AccountStatus, trigger.Needs);
    }
}
