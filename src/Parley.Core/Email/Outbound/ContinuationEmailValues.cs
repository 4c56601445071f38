using System.Globalization;
using System.Text;
using Fluid;
using Parley.Core.BusinessHours;
using Parley.Core.Localization;
using Parley.Core.Templates;

namespace Parley.Core.Email.Outbound;

/// <summary>
/// A continuation email's model turned into the plain values its templates see: the chosen language's strings
/// (already filled in and put in the right plural form), the replies with their times in the account's zone and
/// the language's culture, and the links. Every template reads only these dictionaries and lists, never an object's
/// members.
/// </summary>
internal sealed class ContinuationEmailValues
{
    private const int MaxNameLength = 200;

    /// <summary>The names a template may use, for the admin center's help; inside <c>{% for reply in replies %}</c> a reply is <c>reply</c>.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        .. ContinuationEmailTexts.TemplateKeys.Select(k => "t." + k),
        "subject", "language", "dir", "business.name", "customer.name", "customer.first_name", "conversation.number", "count",
        "replies", "reply.author", "reply.time", "reply.text", "reply.lines", "reply.attachments",
        "last_message", "last_message.author", "last_message.time", "last_message.text", "last_message.lines", "last_message.attachments",
        "continue_url", "unsubscribe_url",
    ];

    private readonly Dictionary<string, object?> _values;

    private ContinuationEmailValues(string language, CultureInfo culture, TimeZoneInfo zone, Dictionary<string, object?> values)
    {
        Language = language;
        Culture = culture;
        Zone = zone;
        _values = values;
    }

    public string Language { get; }

    public CultureInfo Culture { get; }

    public TimeZoneInfo Zone { get; }

    public static async ValueTask<ContinuationEmailValues> ForAsync(ContinuationEmailModel model)
    {
        var language = LanguageMatch.Choose([model.Language], model.AccountDefaultLanguage);
        var culture = CultureFor(language);
        var zone = ScheduleRules.FindTimeZone(model.TimeZoneId) ?? TimeZoneInfo.Utc;
        var rtl = ShippedLanguages.RightToLeft.Contains(language);
        var business = OneLine(model.BusinessName);
        var name = OneLine(model.EndUserName ?? "");

        object Message(EmailReply m)
        {
            var text = Text(m.Text);
            return new Dictionary<string, object?>
            {
                ["author"] = OneLine(m.AuthorName),
                ["time"] = Time(m.SentAt, zone, culture, rtl),
                ["text"] = text,
                ["lines"] = text.Split('\n'),
                ["attachments"] = m.AttachmentNames.Select(a => OneLine(a)).Where(a => a.Length > 0).ToList(),
            };
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["t"] = await StringsAsync(language, business, name, model.ConversationNumber, model.Replies.Count),
            ["language"] = language,
            ["dir"] = rtl ? "rtl" : "ltr",
            ["business"] = new Dictionary<string, object?> { ["name"] = business },
            ["customer"] = new Dictionary<string, object?> { ["name"] = name, ["first_name"] = name.Split(' ').FirstOrDefault() ?? "" },
            ["conversation"] = new Dictionary<string, object?> { ["number"] = model.ConversationNumber },
            ["count"] = model.Replies.Count,
            ["replies"] = model.Replies.Select(Message).ToList(),
            ["continue_url"] = Link(model.ContinueUrl, nameof(model.ContinueUrl)),
            ["unsubscribe_url"] = Link(model.UnsubscribeUrl, nameof(model.UnsubscribeUrl)),
        };
        if (model.LastEndUserMessage is { } last)
        {
            values["last_message"] = Message(last);
        }
        return new ContinuationEmailValues(language, culture, zone, values);
    }

    /// <summary>A fresh context over these values (contexts hold a template's own assignments, so one per render).</summary>
    public TemplateContext Context(TemplateOptions options, string? subject)
    {
        var context = new TemplateContext(options) { CultureInfo = Culture, TimeZone = Zone };
        foreach (var (key, value) in _values)
        {
            context.SetValue(key, value);
        }
        if (subject is not null)
        {
            context.SetValue("subject", subject);
        }
        return context;
    }

    /// <summary>The language's strings as <c>t</c>: each filled in, counted phrases in the form the reply count takes.</summary>
    private static async ValueTask<Dictionary<string, object?>> StringsAsync(string language, string business, string name, long number, int count)
    {
        var context = new TemplateContext(SafeLiquid.Options) { CultureInfo = CultureFor(language) };
        context.SetValue("business", business);
        context.SetValue("name", name);
        context.SetValue("number", number);
        context.SetValue("count", count);
        var strings = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var key in ContinuationEmailTexts.TemplateKeys)
        {
            var liquid = ContinuationEmailTexts.Table("en").Plurals.ContainsKey(key)
                ? ContinuationEmailTexts.Plural(language, key, count)
                : ContinuationEmailTexts.String(language, key);
            strings[key] = await FillAsync(liquid, context);
        }
        if (name.Length == 0)
        {
            strings[ContinuationEmailTexts.Greeting] = strings[ContinuationEmailTexts.GreetingAnonymous];
        }
        return strings;
    }

    private static async ValueTask<string> FillAsync(string liquid, TemplateContext context) =>
        SafeLiquid.Parse(liquid, out _) is { } template
            ? (await SafeLiquid.RenderAsync(template, context, NullEncoder.Default)).Trim()
            : liquid;

    private static string Time(DateTimeOffset at, TimeZoneInfo zone, CultureInfo culture, bool rtl)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var offset = local.Offset;
        var zoneName = offset == TimeSpan.Zero ? "UTC"
            : $"UTC{(offset < TimeSpan.Zero ? "-" : "+")}{Math.Abs(offset.Hours)}{(offset.Minutes != 0 ? $":{Math.Abs(offset.Minutes):00}" : "")}";
        // In right-to-left text an isolate keeps "UTC+2" from being reordered into "2+UTC".
        var shown = rtl ? $"\u2066{zoneName}\u2069" : zoneName;
        return $"{local.DateTime.ToString("f", culture)} ({shown})";
    }

    private static CultureInfo CultureFor(string language)
    {
        try
        {
            return CultureInfo.GetCultureInfo(language);
        }
        catch (CultureNotFoundException)
        {
            // A host running with invariant globalization still gets an email, with neutral date formats.
            return CultureInfo.InvariantCulture;
        }
    }

    /// <summary>The links are Parley's own; anything but an absolute http(s) URL here is a bug upstream, not something to send.</summary>
    private static string Link(string url, string name) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? url
            : throw new ArgumentException($"{name} must be an absolute http or https URL.", name);

    /// <summary>A name on one line: no control characters or line breaks, whitespace collapsed, bounded.</summary>
    internal static string OneLine(string value, int maxLength = MaxNameLength)
    {
        var builder = new StringBuilder(Math.Min(value.Length, maxLength));
        foreach (var c in value)
        {
            if (!char.IsWhiteSpace(c) && !char.IsControl(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }
        var line = builder.ToString().Trim();
        if (line.Length <= maxLength)
        {
            return line;
        }
        // Never cut a surrogate pair in half.
        var cut = char.IsHighSurrogate(line[maxLength - 1]) ? maxLength - 1 : maxLength;
        return line[..cut].TrimEnd();
    }

    /// <summary>A message's text with its line breaks as \n and no other control characters.</summary>
    private static string Text(string value)
    {
        var builder = new StringBuilder(value.Length);
        var normalized = value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        foreach (var c in normalized)
        {
            if (c is '\n' or '\t' || !char.IsControl(c))
            {
                builder.Append(c);
            }
        }
        return builder.ToString().Trim();
    }
}
