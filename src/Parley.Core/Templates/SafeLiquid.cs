using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;
using Fluid.Values;

namespace Parley.Core.Templates;

/// <summary>
/// The Liquid (Fluid) machinery every template shares (email templates, trigger texts): one parser, bounded
/// options, a bounded cache of parsed templates, and rendering into a bounded writer under
/// <see cref="LiquidLimits"/>, so no template (shipped or an admin's) can loop, grow or run without end.
/// </summary>
internal static class SafeLiquid
{
    /// <summary>The most characters one rendered part may have; the shipped layout stays far below it for any real conversation.</summary>
    public const int MaxOutput = 2_000_000;

    private const int MaxCached = 500;

    public static readonly FluidParser Parser = new();

    /// <summary>Rendering for real: unknown names and filters render as nothing, so an email or a message still goes out.</summary>
    public static readonly TemplateOptions Options = Create(strict: false);

    /// <summary>Checking an admin's template: unknown names and filters are errors the editor can show.</summary>
    public static readonly TemplateOptions StrictOptions = Create(strict: true);

    /// <summary>
    /// HTML escaping that leaves letters of every script readable in the source (HtmlEncoder.Default writes all
    /// non-ASCII as entities) while still escaping &lt; &gt; &amp; and quotes.
    /// </summary>
    public static readonly TextEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly ConcurrentDictionary<string, IFluidTemplate> Parsed = new(StringComparer.Ordinal);

    /// <summary>The parsed template, or null with what is wrong with it.</summary>
    public static IFluidTemplate? Parse(string liquid, out string? error)
    {
        error = null;
        if (Parsed.TryGetValue(liquid, out var cached))
        {
            return cached;
        }
        if (!Parser.TryParse(liquid, out var parsed, out error))
        {
            return null;
        }
        var template = LiquidLimits.Apply(parsed);
        if (Parsed.Count >= MaxCached)
        {
            Parsed.Clear();
        }
        Parsed[liquid] = template;
        return template;
    }

    public static async ValueTask<string> RenderAsync(IFluidTemplate template, TemplateContext context, TextEncoder encoder)
    {
        await using var writer = new BoundedStringWriter(MaxOutput);
        LiquidLimits.StartBudget(context);
        await template.RenderAsync(writer, encoder, context);
        return writer.ToString();
    }

    private static TemplateOptions Create(bool strict)
    {
        // MaxSteps leaves room for long conversations through the shipped layout (a few steps per reply line)
        // while stopping an admin's runaway loop.
        var options = new TemplateOptions { MaxSteps = 1_000_000, MaxRecursion = 20, StrictVariables = strict, StrictFilters = strict };
        // "raw" would let an admin's template print a customer's or agent's text as markup; every value stays escaped.
        options.Filters.AddFilter("raw", static (input, _, _) => ValueTask.FromResult<FluidValue>(input));
        LiquidLimits.BoundFilters(options);
        return options;
    }
}
