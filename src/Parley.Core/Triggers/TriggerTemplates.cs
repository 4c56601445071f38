using System.Collections.Concurrent;
using Fluid;

namespace Parley.Core.Triggers;

/// <summary>What a trigger's message text may name: <c>{{ customer.name }}</c>, <c>{{ account.name }}</c> and the rest.</summary>
public sealed record TemplateValues(
    string? CustomerName, string? CustomerEmail, string? CustomerLanguage, string AccountName, long ConversationNumber, string? AgentName);

/// <summary>
/// Trigger message text is Liquid (Fluid). Rendering sees only the plain values of <see cref="TemplateValues"/>,
/// never an object's members, has a bounded number of steps, and writes text without any encoding: messages
/// are plain text, escaped wherever they are shown.
/// </summary>
public static class TriggerTemplates
{
    /// <summary>The names a text may use, for the admin center's help.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["customer.name", "customer.first_name", "customer.email", "customer.language", "account.name", "conversation.number", "agent.name"];

    private const int MaxCached = 1_000;
    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = new() { MaxSteps = 10_000, MaxRecursion = 20 };
    private static readonly ConcurrentDictionary<string, IFluidTemplate> Parsed = new(StringComparer.Ordinal);

    /// <summary>Null when <paramref name="text"/> is valid Liquid, else what is wrong with it.</summary>
    public static string? Problem(string text) => Parser.TryParse(text, out _, out var error) ? null : error;

    /// <summary>The text with its placeholders filled in, at most <paramref name="maxLength"/> characters, trimmed.</summary>
    public static async ValueTask<string> RenderAsync(string text, TemplateValues values, int maxLength)
    {
        // Saved texts were checked; one that no longer parses is sent as written rather than lost.
        if (Parse(text) is not { } template)
        {
            return Cut(text.Trim(), maxLength);
        }
        var context = new TemplateContext(Options);
        context.SetValue("customer", new Dictionary<string, object?>
        {
            ["name"] = values.CustomerName ?? "",
            ["first_name"] = FirstName(values.CustomerName),
            ["email"] = values.CustomerEmail ?? "",
            ["language"] = values.CustomerLanguage ?? "",
        });
        context.SetValue("account", new Dictionary<string, object?> { ["name"] = values.AccountName });
        context.SetValue("conversation", new Dictionary<string, object?> { ["number"] = values.ConversationNumber });
        context.SetValue("agent", new Dictionary<string, object?> { ["name"] = values.AgentName ?? "" });
        await using var writer = new StringWriter();
        await template.RenderAsync(writer, NullEncoder.Default, context);
        return Cut(writer.ToString().Trim(), maxLength);
    }

    /// <summary>The parsed template, or null for text that is not valid Liquid.</summary>
    private static IFluidTemplate? Parse(string text)
    {
        if (Parsed.TryGetValue(text, out var cached))
        {
            return cached;
        }
        if (!Parser.TryParse(text, out var template, out _))
        {
            return null;
        }
        if (Parsed.Count >= MaxCached)
        {
            Parsed.Clear();
        }
        Parsed[text] = template;
        return template;
    }

    private static string Cut(string text, int maxLength) => text.Length > maxLength ? text[..maxLength].TrimEnd() : text;

    private static string FirstName(string? name) =>
        name?.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
}
