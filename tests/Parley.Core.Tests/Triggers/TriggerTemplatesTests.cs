using Parley.Core.Triggers;

namespace Parley.Core.Tests.Triggers;

public sealed class TriggerTemplatesTests
{
    private static readonly TemplateValues Values = new("Ana Lima", "ana@customer.test", "pt-BR", "The Tea Shop", 42, "Dana");

    [Fact]
    public async Task Placeholders_are_filled_and_the_text_is_cut_to_the_limit()
    {
        Assert.Equal("Hi Ana, The Tea Shop has #42.", await TriggerTemplates.RenderAsync("Hi {{ customer.first_name }}, {{ account.name }} has #{{ conversation.number }}.", Values, 100));
        Assert.Equal("Hi Ana", await TriggerTemplates.RenderAsync("Hi {{ customer.first_name }}, welcome", Values, 6));
    }

    [Fact]
    public async Task A_runaway_range_is_stopped_and_the_text_is_sent_as_written()
    {
        const string text = "{% for i in (1..100000000) %}x{% endfor %}";

        Assert.Equal(text, await TriggerTemplates.RenderAsync(text, Values, 10_000));
    }

    [Fact]
    public void Text_that_is_not_liquid_is_named_as_such() =>
        Assert.NotNull(TriggerTemplates.Problem("Hi {{ customer.name "));
}
