using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parley.BrowserTests.Infrastructure;
using Parley.Core.Accounts;
using Parley.Core.Email.Outbound;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

public sealed class AdminEmailTemplatesTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private ILocator PreviewSubject => Page.GetByTestId("template-preview").GetByTestId("mail-subject");

    private ILocator Subject => Page.Locator("#template-subject");

    private Task<EmailTemplateView> StoredAsync(string language) =>
        App.InScopeAsync(sp => sp.GetRequiredService<EmailTemplates>().GetAsync(language, default));

    [Fact]
    public async Task Admin_previews_german_overrides_its_subject_and_resets_it_to_parleys_wording()
    {
        var admin = await App.CreateAgentAsync(role: AgentRole.Admin);
        await App.InScopeAsync(sp => sp.GetRequiredService<SettingsService>().UpdateAsync(new SettingsChanges(BusinessName: "Teehaus"), default));
        await AgentWorkspacePage.SignInAsync(Page, admin.Email, MessengerApp.TestPassword);
        await Page.GotoAsync("/admin/email-templates");
        await Expect(Page.Locator("[data-live=true]")).ToBeVisibleAsync();

        // The account's language first, then German with its own sample conversation; scripts never run in the frame.
        await Expect(PreviewSubject).ToHaveTextAsync("Your conversation with Teehaus (#1042)");
        await Page.GetByLabel("Language", new() { Exact = true }).SelectOptionAsync("de");
        await Expect(Page.GetByTestId("template-preview")).ToHaveAttributeAsync("data-language", "de");
        await Expect(PreviewSubject).ToHaveTextAsync("Ihre Unterhaltung mit Teehaus (#1042)");
        await Expect(Page.GetByTestId("mail-text")).ToContainTextAsync("Jonas Weber");
        var frame = Page.GetByTestId("mail-html");
        await Expect(frame).ToHaveAttributeAsync("sandbox", "");
        await Expect(Page.FrameLocator("[data-testid=mail-html]").GetByText("Unterhaltung fortsetzen")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("placeholder-names")).ToContainTextAsync("business.name");

        // A misspelt placeholder is refused at its field, and nothing is stored.
        await Subject.FillAsync("Neues von {{ busines.name }}");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(Page.GetByTestId("admin-error")).ToHaveTextAsync("Nothing was saved. Correct the fields marked below.");
        await Expect(Page.Locator(".pw-field-error[data-field=subject]")).ToContainTextAsync("This template cannot be used:");
        await Expect(Subject).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.False((await StoredAsync("de")).IsCustomised);

        // A valid one previews unsaved, then saves for German alone.
        await Subject.FillAsync("Neues von {{ business.name }} zu #{{ conversation.number }}");
        await Page.GetByTestId("preview").ClickAsync();
        await Expect(PreviewSubject).ToHaveTextAsync("Neues von Teehaus zu #1042");
        Assert.False((await StoredAsync("de")).IsCustomised);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(Page.GetByTestId("admin-saved")).ToHaveTextAsync("The email for Deutsch (de) was saved.");
        await Expect(PreviewSubject).ToHaveTextAsync("Neues von Teehaus zu #1042");
        await Expect(Page.GetByTestId("subject-customised")).ToBeVisibleAsync();
        await Expect(Page.Locator("#template-language option[value=de]")).ToHaveAttributeAsync("data-customised", "true");
        await Expect(Page.GetByTestId("customised-languages")).ToHaveTextAsync("Customised: de");
        var stored = await StoredAsync("de");
        Assert.Equal("Neues von {{ business.name }} zu #{{ conversation.number }}", stored.Subject);
        Assert.False(stored.TextCustomised || stored.HtmlCustomised);
        Assert.False((await StoredAsync("fr")).IsCustomised);

        await Page.SetViewportSizeAsync(1280, 1000);
        await Page.Locator("h1").ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(Page, "admin-email-templates");
        var violations = await Axe.SeriousViolationsAsync(Page, inShadowRoot: false);
        Assert.True(violations.Count == 0, "axe found serious or critical violations:\n" + string.Join("\n", violations));

        // An HTML body past the circuit's default message size still reaches the preview.
        var html = Page.Locator("#template-html");
        await html.FillAsync("{% comment %}" + new string('x', 60_000) + "{% endcomment %}<p>{{ t.intro }}</p>");
        await Page.GetByTestId("preview").ClickAsync();
        await Expect(Page.FrameLocator("[data-testid=mail-html]").Locator("p")).ToContainTextAsync("Wir haben Ihnen geantwortet");

        // Reset asks first, then brings back Parley's wording, the unsaved HTML included.
        await Page.GetByTestId("reset").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alertdialog)).ToContainTextAsync("Reset Deutsch (de) to Parley's wording?");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Yes, reset" }).ClickAsync();
        await Expect(Page.GetByTestId("admin-saved")).ToHaveTextAsync("Deutsch (de) uses Parley's wording again.");
        await Expect(PreviewSubject).ToHaveTextAsync("Ihre Unterhaltung mit Teehaus (#1042)");
        await Expect(Subject).ToHaveValueAsync(ContinuationEmailRenderer.Shipped("de").Subject!);
        await Expect(html).ToHaveValueAsync(ContinuationEmailRenderer.Shipped("de").HtmlBody!);
        await Expect(Page.GetByTestId("reset")).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("customised-languages")).ToHaveTextAsync("Every language uses Parley's wording.");
        Assert.False((await StoredAsync("de")).IsCustomised);
    }

    [Fact]
    public async Task Arabic_previews_right_to_left_from_the_template()
    {
        var admin = await App.CreateAgentAsync(role: AgentRole.Admin);
        await AgentWorkspacePage.SignInAsync(Page, admin.Email, MessengerApp.TestPassword);
        await Page.GotoAsync("/admin/email-templates");
        await Expect(Page.Locator("[data-live=true]")).ToBeVisibleAsync();

        await Page.GetByLabel("Language", new() { Exact = true }).SelectOptionAsync("ar");

        await Expect(Page.GetByTestId("template-preview")).ToHaveAttributeAsync("data-language", "ar");
        await Expect(Page.FrameLocator("[data-testid=mail-html]").Locator("html")).ToHaveAttributeAsync("dir", "rtl");
    }
}
