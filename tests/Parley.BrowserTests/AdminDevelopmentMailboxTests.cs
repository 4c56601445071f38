using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using Parley.BrowserTests.Infrastructure;
using Parley.Core.Accounts;
using Parley.Core.Email.Outbound;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

public sealed class AdminDevelopmentMailboxTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private DevelopmentMailbox Mailbox => App.Services.GetRequiredService<DevelopmentMailbox>();

    [Fact]
    public async Task An_email_in_the_mailbox_is_listed_opens_with_its_parts_and_is_deleted()
    {
        var admin = await App.CreateAgentAsync(role: AgentRole.Admin);
        await AgentWorkspacePage.SignInAsync(Page, admin.Email, MessengerApp.TestPassword);
        await Page.GotoAsync("/admin");
        await Page.Locator(".pw-view[data-section='development-mailbox']").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/admin/development-mailbox$"));
        await Expect(Page.Locator("[data-live=true]")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("mailbox-empty")).ToContainTextAsync("Emails land here when a support address sends through the development mailbox");

        await using (var delivery = Mailbox.Open())
        {
            Assert.Equal(DeliveryOutcome.Delivered, (await delivery.SendAsync(await EmailAsync(), default)).Outcome);
        }
        await Page.GetByTestId("refresh").ClickAsync();
        var row = Page.Locator("[data-testid=mailbox] tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Jonas Weber (Teehaus)");
        await Expect(row).ToContainTextAsync("lena@kunde.test");

        await row.GetByRole(AriaRole.Link, new() { Name = "Ihre Unterhaltung mit Teehaus (#1042)" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/admin/development-mailbox/[0-9T]+-[0-9a-f]{32}$"));
        var mail = Page.GetByTestId("mail");
        await Expect(mail.Locator("[data-header=ReplyTo]")).ToContainTextAsync("hilfe+abc123@teehaus.test");
        await Expect(mail.Locator("[data-header=InReplyTo]")).ToHaveTextAsync("root-1042@teehaus.test");
        await Expect(mail.Locator("[data-header=MessageId]")).ToHaveTextAsync("mail-1@teehaus.test");
        await Expect(mail.Locator("[data-header=ListUnsubscribe]")).ToHaveTextAsync("<https://teehaus.test/email/unsubscribe/x>");
        await Expect(mail.GetByTestId("mail-text")).ToContainTextAsync("Jonas Weber");
        await Expect(mail.GetByTestId("mail-text")).ToContainTextAsync("<b>nicht fett</b>");
        await Expect(mail.GetByTestId("mail-html")).ToHaveAttributeAsync("sandbox", "");
        await Expect(Page.FrameLocator("[data-testid=mail-html]").GetByText("Unterhaltung fortsetzen")).ToBeVisibleAsync();
        await Expect(mail.GetByTestId("mail-attachments")).ToHaveTextAsync("sendungsverfolgung.pdf");
        // The email's script would have renamed the page; the sandbox runs none.
        await Expect(Page).ToHaveTitleAsync(new Regex("^Development mailbox"));

        await Page.SetViewportSizeAsync(1280, 1000);
        await Screenshots.SaveAsync(Page, "admin-development-mailbox");
        var violations = await Axe.SeriousViolationsAsync(Page, inShadowRoot: false);
        Assert.True(violations.Count == 0, "axe found serious or critical violations:\n" + string.Join("\n", violations));

        await Page.GetByTestId("delete-mail").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alertdialog)).ToContainTextAsync("Delete the email “Ihre Unterhaltung mit Teehaus (#1042)”?");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Yes, delete" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/admin/development-mailbox$"));
        await Expect(Page.GetByTestId("admin-saved")).ToHaveTextAsync("The email “Ihre Unterhaltung mit Teehaus (#1042)” was deleted.");
        await Expect(Page.GetByTestId("mailbox-empty")).ToBeVisibleAsync();
        Assert.Empty(Mailbox.List());
    }

    [Fact]
    public async Task An_unknown_message_says_it_is_gone()
    {
        var admin = await App.CreateAgentAsync(role: AgentRole.Admin);
        await AgentWorkspacePage.SignInAsync(Page, admin.Email, MessengerApp.TestPassword);

        await Page.GotoAsync("/admin/development-mailbox/20250101T000000000-00000000000000000000000000000000");

        await Expect(Page.GetByTestId("mail-not-found")).ToContainTextAsync("no longer in the development mailbox");
    }

    /// <summary>
    /// The sample continuation email, with what the page must show safely: markup in the text, a script in the HTML,
    /// and an attachment.
    /// </summary>
    private static async Task<MimeMessage> EmailAsync()
    {
        var rendered = await ContinuationEmailRenderer.RenderAsync(ContinuationEmailRenderer.Sample("de", "Teehaus"));
        var message = new MimeMessage
        {
            Subject = rendered.Subject,
            MessageId = "mail-1@teehaus.test",
            InReplyTo = "root-1042@teehaus.test",
            Date = DateTimeOffset.UtcNow,
        };
        message.From.Add(new MailboxAddress("Jonas Weber (Teehaus)", "hilfe@teehaus.test"));
        message.To.Add(new MailboxAddress("Lena Schneider", "lena@kunde.test"));
        message.ReplyTo.Add(new MailboxAddress("Teehaus", "hilfe+abc123@teehaus.test"));
        message.Headers.Add(HeaderId.ListUnsubscribe, "<https://teehaus.test/email/unsubscribe/x>");
        var body = new BodyBuilder
        {
            TextBody = rendered.TextBody + "<b>nicht fett</b>\n",
            HtmlBody = rendered.HtmlBody.Replace("</body>", "<script>parent.document.title = 'hacked'; document.title = 'hacked';</script></body>", StringComparison.Ordinal),
        };
        body.Attachments.Add("sendungsverfolgung.pdf", "%PDF-1.4"u8.ToArray(), new ContentType("application", "pdf"));
        message.Body = body.ToMessageBody();
        return message;
    }
}
