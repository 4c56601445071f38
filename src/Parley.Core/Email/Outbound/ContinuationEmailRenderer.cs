using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Fluid;
using Parley.Core.Localization;
using Parley.Core.Templates;

namespace Parley.Core.Email.Outbound;

/// <summary>
/// Renders the continuation email (PRODUCT.md §7.5): subject, plain text and HTML from one shipped Liquid layout
/// (Email/Outbound/Templates) over the end user's language's strings, or from an admin's override per language.
/// An override that fails to render gives way to the shipped part, so a bad template never loses an email.
/// </summary>
public static partial class ContinuationEmailRenderer
{
    public const int MaxSubjectLength = 200;

    /// <summary>The longest Liquid an admin may save for one part.</summary>
    public const int MaxTemplateLength = 100_000;

    private static readonly Lazy<EmailTemplateOverride> ShippedLayout = new(LoadShipped);
    private static readonly Lazy<(IFluidTemplate Subject, IFluidTemplate Text, IFluidTemplate Html)> ShippedParsed = new(() =>
        (ParseShipped(ShippedLayout.Value.Subject!), ParseShipped(ShippedLayout.Value.TextBody!), ParseShipped(ShippedLayout.Value.HtmlBody!)));

    /// <summary>The placeholder names templates may use, for the admin center's help.</summary>
    public static IReadOnlyList<string> Names => ContinuationEmailValues.Names;

    /// <summary>
    /// The shipped templates, for the admin editor to start from. The layout is the same in every language: its words
    /// come from <c>t.*</c>, the language's strings, which an admin's copy may keep or replace with their own text.
    /// </summary>
    public static EmailTemplateOverride Shipped(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return ShippedLayout.Value;
    }

    public static async ValueTask<RenderedEmail> RenderAsync(ContinuationEmailModel model, Func<string, EmailTemplateOverride?>? overrideFor = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Replies is not { Count: > 0 })
        {
            throw new ArgumentException("A continuation email carries at least one agent reply.", nameof(model));
        }
        var values = await ContinuationEmailValues.ForAsync(model);
        var custom = overrideFor?.Invoke(values.Language);
        var failures = new List<string>();
        var shipped = ShippedParsed.Value;

        var subject = await PartAsync("subject", custom?.Subject, shipped.Subject, values, null, NullEncoder.Default, OneLine, failures);
        var text = await PartAsync("text", custom?.TextBody, shipped.Text, values, subject, NullEncoder.Default, Tidy, failures);
        var html = await PartAsync("html", custom?.HtmlBody, shipped.Html, values, subject, SafeLiquid.Html, Ending, failures);
        return new RenderedEmail(values.Language, subject, text, html) { OverrideFailures = failures };
    }

    /// <summary>Null when <paramref name="liquid"/> is a template that renders, else what is wrong with it, for the admin editor.</summary>
    public static string? Problem(string liquid)
    {
        ArgumentNullException.ThrowIfNull(liquid);
        if (liquid.Length > MaxTemplateLength)
        {
            return $"A template can be at most {MaxTemplateLength} characters long.";
        }
        if (SafeLiquid.Parse(liquid, out var error) is not { } template)
        {
            // Fluid appends the whole source after the message; the editor already shows it.
            return (error ?? "The template is not valid Liquid.").Split('\n')[0].Trim();
        }
        // A trial render over the sample conversation with strict names and filters finds what parsing cannot:
        // misspelt placeholders, unknown filters, loops and values past the bounds.
        try
        {
            var values = ContinuationEmailValues.ForAsync(Sample("en", "Acme")).AsTask().GetAwaiter().GetResult();
            SafeLiquid.RenderAsync(template, values.Context(SafeLiquid.StrictOptions, "Subject"), SafeLiquid.Html)
                .AsTask().GetAwaiter().GetResult();
            return null;
        }
        catch (FluidException e) when (e.Message.Contains("Fluid.Ast", StringComparison.Ordinal))
        {
            // Fluid names the syntax node rather than the field when a name after a dot is unknown.
            return "A placeholder names a field that does not exist; check the names after each dot against the list of placeholders.";
        }
        catch (FluidException e)
        {
            return e.Message.TrimEnd('.') + ".";
        }
        catch (TemplateLimitException e)
        {
            return e.Message;
        }
        catch (InvalidOperationException)
        {
            // Fluid reports too many steps as "recursion".
            return "The template does too much to render (a loop that runs too long, or includes itself).";
        }
        catch (Exception e)
        {
            return e.Message;
        }
    }

    /// <summary>A sample conversation in <paramref name="language"/>, for the admin preview.</summary>
    public static ContinuationEmailModel Sample(string language, string businessName)
    {
        var shown = LanguageMatch.Match(language) ?? "en";
        string S(string key) => ContinuationEmailTexts.String(shown, ContinuationEmailTexts.SamplePrefix + key);
        var asked = new DateTimeOffset(2025, 3, 14, 13, 52, 0, TimeSpan.Zero);
        return new ContinuationEmailModel(
            language, "en", businessName, S("customer"), 1042,
            [
                new EmailReply(S("agent"), asked.AddMinutes(6), S("reply"), []),
                new EmailReply(S("agent"), asked.AddMinutes(7), S("reply_2"), [S("attachment")]),
            ],
            new EmailReply(S("customer"), asked, S("question"), []),
            "https://support.example.com/messenger/continue?token=sample",
            "https://support.example.com/email/unsubscribe?token=sample",
            "UTC");
    }

    private static async ValueTask<string> PartAsync(
        string part, string? custom, IFluidTemplate shipped, ContinuationEmailValues values, string? subject,
        TextEncoder encoder, Func<string, string> finish, List<string> failures)
    {
        if (custom is not null)
        {
            var rendered = await TryCustomAsync(part, custom, values, subject, encoder, failures);
            if (rendered is not null && finish(rendered) is { Length: > 0 } done)
            {
                return done;
            }
            if (rendered is not null)
            {
                failures.Add($"{part}: it rendered empty.");
            }
        }
        return finish(await SafeLiquid.RenderAsync(shipped, values.Context(SafeLiquid.Options, subject), encoder));
    }

    private static async ValueTask<string?> TryCustomAsync(
        string part, string custom, ContinuationEmailValues values, string? subject, TextEncoder encoder, List<string> failures)
    {
        if (custom.Length > MaxTemplateLength || SafeLiquid.Parse(custom, out _) is not { } template)
        {
            failures.Add($"{part}: {Problem(custom)}");
            return null;
        }
        try
        {
            return await SafeLiquid.RenderAsync(template, values.Context(SafeLiquid.Options, subject), encoder);
        }
        catch (Exception e)
        {
            // Whatever an admin's template trips over at render time (Fluid's own errors, a filter's bad argument,
            // the step or size bound), the shipped part still goes out.
            failures.Add($"{part}: {e.Message}");
            return null;
        }
    }

    private static string Ending(string html) => html.Trim() is { Length: > 0 } trimmed ? trimmed + "\n" : "";

    private static string OneLine(string subject) => ContinuationEmailValues.OneLine(subject, MaxSubjectLength);

    /// <summary>Plain text as mail clients show it best: \n line ends, no trailing spaces, at most one blank line in a row.</summary>
    private static string Tidy(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            // "-- " is the signature separator mail clients recognise; its space is meaningful.
            .Select(l => l == "-- " ? l : l.TrimEnd());
        var joined = BlankLines().Replace(string.Join('\n', lines), "\n\n").Trim('\n');
        return joined.Length == 0 ? "" : joined + "\n";
    }

    private static EmailTemplateOverride LoadShipped() =>
        new(Resource("subject.liquid").Trim(), Resource("text.liquid"), Resource("html.liquid"));

    private static string Resource(string name)
    {
        using var stream = typeof(ContinuationEmailRenderer).Assembly.GetManifestResourceStream($"Parley.Core.Email.Outbound.Templates.{name}")
            ?? throw new InvalidOperationException($"The shipped email template {name} is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static IFluidTemplate ParseShipped(string liquid) =>
        SafeLiquid.Parser.TryParse(liquid, out var template, out var error)
            ? LiquidLimits.Apply(template)
            : throw new InvalidOperationException($"The shipped email template does not parse: {error}");

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();
}
