using Fluid;
using Parley.Core.Templates;

namespace Parley.Core.Triggers;

/// <summary>What a trigger's message text may name: <c>{{ customer.name }}</c>, <c>{{ account.name }}</c> and the rest.</summary>
public sealed record TemplateValues(
    string? CustomerName, string? CustomerEmail, string? CustomerLanguage, string AccountName, long ConversationNumber, string? AgentName);

/// <summary>
/// Trigger message text is Liquid (Fluid). Rendering sees only the plain values of <see cref="TemplateValues"/>,
/// never an object's members, runs under the bounds every template has (<see cref="SafeLiquid"/>), and writes text without any encoding: messages
/// are plain text, escaped wherever they are shown.
/// </summary>
public static class TriggerTemplates
{
    /// <summary>The names a text may use, for the admin center's help.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["customer.name", "customer.first_name", "customer.email", "customer.language", "account.name", "conversation.number", "agent.name"];

    /// <summary>Null when <paramref name="text"/> is valid Liquid, else what is wrong with it.</summary>
    public static string? Problem(string text) => SafeLiquid.Parse(text, out var error) is null ? error ?? "This is not valid Liquid." : null;

    /// <summary>The text with its placeholders filled in, at most <paramref name="maxLength"/> characters, trimmed.</summary>
    public static async ValueTask<string> RenderAsync(string text, TemplateValues values, int maxLength)
    {
        // Saved texts were checked; one that no longer parses, or that runs past the bounds, is sent as written rather than lost.
        if (SafeLiquid.Parse(text, out _) is not { } template)
        {
            return Cut(text.Trim(), maxLength);
        }
        var context = new TemplateContext(SafeLiquid.Options);
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
        try
        {
            return Cut((await SafeLiquid.RenderAsync(template, context, NullEncoder.Default)).Trim(), maxLength);
        }
        catch (Exception e) when (e is TemplateLimitException or InvalidOperationException or FluidException)
        {
            return Cut(text.Trim(), maxLength);
        }
    }

    private static string Cut(string text, int maxLength) => text.Length > maxLength ? text[..maxLength].TrimEnd() : text;

    private static string FirstName(string? name) =>
        name?.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
}
