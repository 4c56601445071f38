using Microsoft.EntityFrameworkCore;
using Parley.Core.Accounts;
using Parley.Core.Data;
using Parley.Core.Localization;

namespace Parley.Core.Email.Outbound;

/// <summary>One language's continuation email as the editor shows it: each part the admin's or, where they kept it, Parley's.</summary>
public sealed record EmailTemplateView(
    string Language, string Subject, string TextBody, string HtmlBody,
    bool SubjectCustomised, bool TextCustomised, bool HtmlCustomised, DateTimeOffset? UpdatedAt)
{
    public bool IsCustomised => SubjectCustomised || TextCustomised || HtmlCustomised;
}

/// <summary>What an admin typed for one language; a part that is null, blank or Parley's own wording keeps Parley's.</summary>
public sealed record EmailTemplateDraft(string? Subject, string? TextBody, string? HtmlBody);

/// <summary>
/// The admin's overrides of the continuation email per shipped language (PRODUCT.md §4, §7.5): read, checked, saved,
/// reset and previewed over the sample conversation. Sending applies them in <c>ContinuationEmails</c>.
/// </summary>
public sealed class EmailTemplates(AppDbContext db, SettingsService settings, TimeProvider clock)
{
    /// <summary>The longest subject template; the column's size.</summary>
    public const int MaxSubjectLength = 1000;

    /// <summary>The longest text body template; the column's size.</summary>
    public const int MaxTextLength = 50_000;

    /// <summary>The longest HTML body template; the column's size and the renderer's bound.</summary>
    public const int MaxHtmlLength = ContinuationEmailRenderer.MaxTemplateLength;

    /// <summary>The languages that have an override of at least one part, in <see cref="ShippedLanguages.All"/>'s spelling.</summary>
    public async Task<IReadOnlySet<string>> CustomisedLanguagesAsync(CancellationToken ct) =>
        (await db.EmailTemplates.AsNoTracking().Select(t => t.Language).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public async Task<EmailTemplateView> GetAsync(string language, CancellationToken ct)
    {
        var tag = Shipped(language);
        return View(tag, await db.EmailTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Language == tag, ct));
    }

    /// <summary>Checks and stores the draft; any part that does not work refuses the whole save, with the reason at its field.</summary>
    public async Task<EmailTemplateView> SaveAsync(string language, EmailTemplateDraft draft, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var tag = Shipped(language);
        var parts = await CheckAsync(tag, draft, ct);
        if (parts is (null, null, null))
        {
            await ResetAsync(tag, ct);
            return View(tag, null);
        }
        for (var attempt = 0; ; attempt++)
        {
            var stored = await db.EmailTemplates.FirstOrDefaultAsync(t => t.Language == tag, ct);
            if (stored is null)
            {
                stored = new CustomEmailTemplate { Language = tag };
                db.EmailTemplates.Add(stored);
            }
            (stored.Subject, stored.TextBody, stored.HtmlBody) = parts;
            stored.UpdatedAt = clock.GetUtcNow();
            try
            {
                await db.SaveChangesAsync(ct);
                return View(tag, stored);
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Another admin saved this language first; the later save wins, as it would have a moment later.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Removes the language's override: its emails use Parley's wording again.</summary>
    public async Task ResetAsync(string language, CancellationToken ct)
    {
        var tag = Shipped(language);
        await db.EmailTemplates.Where(t => t.Language == tag).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// The email the sample conversation would get in <paramref name="language"/> with the draft, saved or not. A part that
    /// would not be used is refused here as on saving, so the preview never quietly shows Parley's wording instead.
    /// </summary>
    public async Task<RenderedEmail> PreviewAsync(string language, EmailTemplateDraft draft, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var tag = Shipped(language);
        var (subject, text, html) = await CheckAsync(tag, draft, ct);
        return await RenderAsync(tag, new EmailTemplateOverride(subject, text, html), ct);
    }

    /// <summary>The parts to store (null where Parley's wording stays), or a validation problem per field.</summary>
    private async Task<(string? Subject, string? Text, string? Html)> CheckAsync(string tag, EmailTemplateDraft draft, CancellationToken ct)
    {
        var shipped = ContinuationEmailRenderer.Shipped(tag);
        var errors = new Dictionary<string, string[]>();
        var subject = Part("subject", draft.Subject, shipped.Subject, MaxSubjectLength, errors);
        var text = Part("textBody", draft.TextBody, shipped.TextBody, MaxTextLength, errors);
        var html = Part("htmlBody", draft.HtmlBody, shipped.HtmlBody, MaxHtmlLength, errors);
        if (errors.Count == 0 && (subject, text, html) is not (null, null, null))
        {
            // What parsing and the trial render in English pass can still render empty, or fail over this language's strings.
            var rendered = await RenderAsync(tag, new EmailTemplateOverride(subject, text, html), ct);
            foreach (var failure in rendered.OverrideFailures)
            {
                var (part, reason) = failure.Split(": ", 2) is [var p, var r] ? (p, r) : ("", failure);
                var field = part switch { "subject" => "subject", "text" => "textBody", _ => "htmlBody" };
                errors.TryAdd(field, [reason == "it rendered empty." ? "The template renders nothing; write some text, or leave it empty to use Parley's wording." : reason]);
            }
        }
        if (errors.Count > 0)
        {
            throw new ParleyProblem(ProblemKind.Validation, "validation", "The email template is not valid.", errors);
        }
        return (subject, text, html);
    }

    private static string? Part(string field, string? draft, string? shipped, int maxLength, Dictionary<string, string[]> errors)
    {
        // Browsers send a textarea's line ends as \r\n; the shipped files and mail use \n.
        var liquid = draft?.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (string.IsNullOrWhiteSpace(liquid) || liquid.Trim() == shipped?.Trim())
        {
            return null;
        }
        if (liquid.Length > maxLength)
        {
            errors[field] = [$"This part can be at most {maxLength} characters long."];
            return null;
        }
        if (ContinuationEmailRenderer.Problem(liquid) is { } problem)
        {
            errors[field] = [problem];
            return null;
        }
        return liquid;
    }

    private async Task<RenderedEmail> RenderAsync(string tag, EmailTemplateOverride custom, CancellationToken ct)
    {
        var business = (await settings.GetAsync(ct)).BusinessName;
        return await ContinuationEmailRenderer.RenderAsync(ContinuationEmailRenderer.Sample(tag, business), _ => custom);
    }

    private static EmailTemplateView View(string tag, CustomEmailTemplate? stored)
    {
        var shipped = ContinuationEmailRenderer.Shipped(tag);
        return new EmailTemplateView(tag,
            stored?.Subject ?? shipped.Subject!, stored?.TextBody ?? shipped.TextBody!, stored?.HtmlBody ?? shipped.HtmlBody!,
            stored?.Subject is not null, stored?.TextBody is not null, stored?.HtmlBody is not null, stored?.UpdatedAt);
    }

    /// <summary>The shipped language's own spelling of <paramref name="language"/>; overrides exist only for those.</summary>
    private static string Shipped(string language) =>
        ShippedLanguages.All.FirstOrDefault(l => string.Equals(l, language, StringComparison.OrdinalIgnoreCase))
        ?? throw ParleyProblem.Invalid("language", "Choose one of the languages Parley ships.");
}
