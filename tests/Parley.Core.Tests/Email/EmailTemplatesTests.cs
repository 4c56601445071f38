using Microsoft.EntityFrameworkCore;
using Parley.Core.Accounts;
using Parley.Core.Email.Outbound;

namespace Parley.Core.Tests.Email;

/// <summary>The admin's overrides of the continuation email: checked per part, stored per language, previewed over the sample.</summary>
public sealed class EmailTemplatesTests : IAsyncLifetime
{
    private static readonly EmailTemplateOverride Shipped = ContinuationEmailRenderer.Shipped("de");

    private TestDatabase _t = null!;

    public async Task InitializeAsync()
    {
        _t = await TestDatabase.CreateAsync();
        await _t.Settings().UpdateAsync(new SettingsChanges(BusinessName: "Teehaus"), CancellationToken.None);
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private EmailTemplates Templates() => new(_t.Db, _t.Settings(), _t.Clock);

    private async Task<List<CustomEmailTemplate>> StoredAsync()
    {
        await using var db = _t.NewContext();
        return await db.EmailTemplates.AsNoTracking().ToListAsync();
    }

    private static async Task<ParleyProblem> RefusedAsync(Func<Task> work)
    {
        var problem = await Assert.ThrowsAsync<ParleyProblem>(work);
        Assert.Equal(ProblemKind.Validation, problem.Kind);
        return problem;
    }

    [Fact]
    public async Task Without_overrides_every_language_shows_parleys_wording()
    {
        var german = await Templates().GetAsync("de", CancellationToken.None);

        Assert.Equal((Shipped.Subject, Shipped.TextBody, Shipped.HtmlBody), (german.Subject, german.TextBody, german.HtmlBody));
        Assert.False(german.IsCustomised);
        Assert.Null(german.UpdatedAt);
        Assert.Empty(await Templates().CustomisedLanguagesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_subject_override_is_stored_for_its_language_alone_and_the_other_parts_stay_shipped()
    {
        var saved = await Templates().SaveAsync("de", new EmailTemplateDraft("Neues von {{ business.name }}", Shipped.TextBody, null), CancellationToken.None);

        Assert.True(saved.SubjectCustomised);
        Assert.False(saved.TextCustomised);
        Assert.False(saved.HtmlCustomised);
        var stored = Assert.Single(await StoredAsync());
        Assert.Equal("de", stored.Language);
        Assert.Equal("Neues von {{ business.name }}", stored.Subject);
        Assert.Null(stored.TextBody);
        Assert.Null(stored.HtmlBody);
        Assert.Equal(_t.Clock.GetUtcNow(), stored.UpdatedAt);
        Assert.Equal(["de"], await Templates().CustomisedLanguagesAsync(CancellationToken.None));
        Assert.False((await Templates().GetAsync("fr", CancellationToken.None)).IsCustomised);
        var again = await Templates().GetAsync("de", CancellationToken.None);
        Assert.Equal(("Neues von {{ business.name }}", Shipped.TextBody), (again.Subject, again.TextBody));
    }

    [Fact]
    public async Task Invalid_parts_are_refused_at_their_fields_and_nothing_is_stored()
    {
        await Templates().SaveAsync("de", new EmailTemplateDraft("Alt", null, null), CancellationToken.None);

        var problem = await RefusedAsync(() => Templates().SaveAsync("de",
            new EmailTemplateDraft("Neu {{ busines.name }}", "Fine {{ business.name }}", "<p>{% if %}</p>"), CancellationToken.None));

        Assert.Equal(["htmlBody", "subject"], problem.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.All(problem.Errors.Values, messages => Assert.False(string.IsNullOrWhiteSpace(Assert.Single(messages))));
        var stored = Assert.Single(await StoredAsync());
        Assert.Equal(("Alt", null, null), (stored.Subject, stored.TextBody, stored.HtmlBody));
    }

    [Fact]
    public async Task A_part_that_renders_nothing_is_refused()
    {
        var problem = await RefusedAsync(() => Templates().SaveAsync("de",
            new EmailTemplateDraft("{% if false %}never{% endif %}", null, null), CancellationToken.None));

        Assert.Contains("renders nothing", Assert.Single(problem.Errors!["subject"]), StringComparison.Ordinal);
        Assert.Empty(await StoredAsync());
    }

    [Theory]
    [InlineData("subject", EmailTemplates.MaxSubjectLength)]
    [InlineData("textBody", EmailTemplates.MaxTextLength)]
    [InlineData("htmlBody", EmailTemplates.MaxHtmlLength)]
    public async Task A_part_longer_than_its_column_is_refused(string field, int max)
    {
        var tooLong = new string('x', max + 1);
        var draft = field switch
        {
            "subject" => new EmailTemplateDraft(tooLong, null, null),
            "textBody" => new EmailTemplateDraft(null, tooLong, null),
            _ => new EmailTemplateDraft(null, null, tooLong),
        };

        var problem = await RefusedAsync(() => Templates().SaveAsync("de", draft, CancellationToken.None));

        Assert.Equal([field], problem.Errors!.Keys);
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task Parts_that_are_parleys_own_or_blank_are_stored_as_null_and_an_override_of_nothing_is_removed()
    {
        await Templates().SaveAsync("de", new EmailTemplateDraft("Alt", null, null), CancellationToken.None);

        // The text as a browser's textarea sends it back: \r\n line ends, otherwise untouched.
        var saved = await Templates().SaveAsync("de",
            new EmailTemplateDraft(" ", Shipped.TextBody!.Replace("\n", "\r\n", StringComparison.Ordinal), Shipped.HtmlBody), CancellationToken.None);

        Assert.False(saved.IsCustomised);
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task Reset_brings_back_parleys_wording()
    {
        await Templates().SaveAsync("ja", new EmailTemplateDraft(null, "{{ t.intro }}", null), CancellationToken.None);

        await Templates().ResetAsync("ja", CancellationToken.None);

        Assert.Empty(await StoredAsync());
        Assert.Equal(Shipped.TextBody, (await Templates().GetAsync("ja", CancellationToken.None)).TextBody);
    }

    [Fact]
    public async Task Preview_renders_the_unsaved_draft_over_the_sample_in_the_language_with_the_business_name()
    {
        var shipped = await Templates().PreviewAsync("de", new EmailTemplateDraft(null, null, null), CancellationToken.None);
        var draft = await Templates().PreviewAsync("de", new EmailTemplateDraft("Neues von {{ business.name }}", null, null), CancellationToken.None);

        Assert.Equal("Ihre Unterhaltung mit Teehaus (#1042)", shipped.Subject);
        Assert.Equal("Neues von Teehaus", draft.Subject);
        Assert.Equal(shipped.TextBody, draft.TextBody);
        Assert.Contains("Lena", draft.TextBody, StringComparison.Ordinal);
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task An_invalid_draft_is_refused_by_the_preview_too()
    {
        var problem = await RefusedAsync(() => Templates().PreviewAsync("de", new EmailTemplateDraft(null, "{{ replies | nope }}", null), CancellationToken.None));

        Assert.Equal(["textBody"], problem.Errors!.Keys);
    }

    [Fact]
    public async Task The_right_to_left_preview_comes_from_the_template()
    {
        var arabic = await Templates().PreviewAsync("ar", new EmailTemplateDraft(null, null, null), CancellationToken.None);

        Assert.Contains("dir=\"rtl\"", arabic.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Languages_are_the_shipped_ones_in_their_own_spelling()
    {
        await Templates().SaveAsync("PT-br", new EmailTemplateDraft("Olá de {{ business.name }}", null, null), CancellationToken.None);

        Assert.Equal("pt-BR", Assert.Single(await StoredAsync()).Language);
        var problem = await RefusedAsync(() => Templates().GetAsync("xx", CancellationToken.None));
        Assert.Equal(["language"], problem.Errors!.Keys);
    }
}
