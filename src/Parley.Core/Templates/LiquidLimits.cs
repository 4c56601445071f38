using System.Text.Encodings.Web;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace Parley.Core.Templates;

/// <summary>A template went past one of the bounds on rendering; the message says which, for the admin editor.</summary>
internal sealed class TemplateLimitException(string message) : Exception(message);

/// <summary>
/// Bounds on what an admin's template (email or trigger text) may make Parley do. Fluid's own MaxSteps counts statements only: a
/// range such as <c>(1..100000000)</c> is built as a whole array before the first step (gigabytes), a capture
/// writes into a buffer of its own, and a filter chain can grow a string without a single step. So ranges are
/// checked before they are built, captures write into a bounded buffer, every filter's result is bounded, and a
/// render that runs past its time budget stops at the next filter.
/// </summary>
internal static class LiquidLimits
{
    public const int MaxRange = 10_000;
    public const int MaxStringLength = SafeLiquid.MaxOutput;
    public const int MaxArrayLength = 100_000;
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    private const string DeadlineKey = "parley.liquid.deadline";

    /// <summary>The template with its ranges and captures replaced by bounded ones.</summary>
    public static IFluidTemplate Apply(IFluidTemplate template) => new Rewriter().VisitTemplate(template);

    /// <summary>Starts the time budget of one render.</summary>
    public static void StartBudget(TemplateContext context) =>
        context.AmbientValues[DeadlineKey] = Environment.TickCount64 + (long)Budget.TotalMilliseconds;

    /// <summary>Wraps every filter of <paramref name="options"/> so its result and the time spent are bounded.</summary>
    public static void BoundFilters(TemplateOptions options)
    {
        foreach (var (name, filter) in options.Filters.ToList())
        {
            options.Filters.AddFilter(name, (input, arguments, context) =>
            {
                CheckBudget(context);
                var result = filter(input, arguments, context);
                return result.IsCompletedSuccessfully ? ValueTask.FromResult(Checked(result.Result)) : AwaitedAsync(result);
            });
        }
    }

    private static async ValueTask<FluidValue> AwaitedAsync(ValueTask<FluidValue> result) => Checked(await result);

    private static FluidValue Checked(FluidValue value) => value switch
    {
        StringValue s when s.ToStringValue().Length > MaxStringLength =>
            throw new TemplateLimitException($"A value in the template grew past {MaxStringLength} characters."),
        ArrayValue a when a.Values.Count > MaxArrayLength =>
            throw new TemplateLimitException($"A list in the template grew past {MaxArrayLength} items."),
        _ => value,
    };

    private static void CheckBudget(TemplateContext context)
    {
        if (context.AmbientValues.TryGetValue(DeadlineKey, out var deadline) && deadline is long at && Environment.TickCount64 > at)
        {
            throw new TemplateLimitException($"The template took longer than {Budget.TotalSeconds:0} seconds to render.");
        }
    }

    private sealed class Rewriter : AstRewriter
    {
        protected override Expression VisitRangeExpression(RangeExpression rangeExpression) =>
            new BoundedRange((RangeExpression)base.VisitRangeExpression(rangeExpression));

        protected override Statement VisitCaptureStatement(CaptureStatement captureStatement) =>
            new BoundedCapture((CaptureStatement)base.VisitCaptureStatement(captureStatement));
    }

    /// <summary>A range that refuses to be built when it spans more than <see cref="MaxRange"/> numbers.</summary>
    private sealed class BoundedRange(RangeExpression range) : Expression
    {
        public override async ValueTask<FluidValue> EvaluateAsync(TemplateContext context)
        {
            var from = (await range.From.EvaluateAsync(context)).ToNumberValue();
            var to = (await range.To.EvaluateAsync(context)).ToNumberValue();
            return to - from >= MaxRange
                ? throw new TemplateLimitException($"A range in the template spans more than {MaxRange} numbers.")
                : await range.EvaluateAsync(context);
        }
    }

    /// <summary>Fluid's capture, writing into a bounded buffer instead of an unbounded one.</summary>
    private sealed class BoundedCapture(CaptureStatement capture) : Statement
    {
        public override async ValueTask<Completion> WriteToAsync(TextWriter writer, TextEncoder encoder, TemplateContext context)
        {
            await using var captured = new BoundedStringWriter(MaxStringLength);
            foreach (var statement in capture.Statements)
            {
                var completion = await statement.WriteToAsync(captured, encoder, context);
                if (completion != Completion.Normal)
                {
                    return completion;
                }
            }
            // Already encoded as it was written, like Fluid's own capture.
            context.SetValue(capture.Identifier, new StringValue(captured.ToString(), encode: false));
            return Completion.Normal;
        }
    }
}
