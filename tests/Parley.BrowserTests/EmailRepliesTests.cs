using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Parley.BrowserTests.Infrastructure;
using Parley.Core.Accounts;
using Parley.Core.Continuity;
using Parley.Core.Conversations;
using Parley.Core.Data;
using Parley.Core.Email;
using Parley.Core.Email.Inbound;
using Parley.Core.Email.Outbound;
using Parley.Core.EndUsers;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

/// <summary>The email round trip as a newcomer tries it with the development mailbox, and held replies in the workspace.</summary>
public sealed class EmailRepliesTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Customer = "jamie@customer.test";

    /// <summary>An admin, and a conversation whose agent reply was emailed into the development mailbox.</summary>
    private async Task<(AgentView Admin, Guid ConversationId)> EmailedConversationAsync()
    {
        var admin = await App.CreateAgentAsync(role: AgentRole.Admin);
        await App.InScopeAsync(async sp =>
        {
            var addresses = sp.GetRequiredService<SupportAddresses>();
            if ((await addresses.ListAsync(default)).Count == 0)
            {
                var address = await addresses.CreateAsync(new SupportAddressInput("help@tea.test", "The Tea Shop", OutboundRoute.DevelopmentMailbox,
                    null, 587, SmtpTlsMode.StartTls, null, null, null, null, null, IsDefault: true), default);
                await addresses.CheckAsync(address.Id, "owner@tea.test", default);
            }
            return await sp.GetRequiredService<ContinuitySettings>().TurnOnAsync(10, deactivateOutOfOffice: false, default);
        });
        var conversationId = await App.InScopeAsync(async sp =>
        {
            var (visitor, _) = await sp.GetRequiredService<MessengerSessions>().CreateAnonymousAsync("en", default);
            await sp.GetRequiredService<EndUserProfiles>().SetEmailAsync(visitor.Id, Customer, default);
            var conversations = sp.GetRequiredService<ConversationService>();
            var started = await conversations.StartAsync(visitor.Id, new EndUserMessageInput("Is the green tea organic?", Guid.NewGuid().ToString()), default);
            await conversations.PostFromAgentAsync(AgentActor.From(await sp.GetRequiredService<AgentDirectory>().FindActiveAsync(admin.Id, default) ?? throw new InvalidOperationException()),
                started.Conversation.Id, new AgentMessageInput("Yes, all of it.", Guid.NewGuid().ToString()), default);
            return started.Conversation.Id;
        });
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        await Until.TrueAsync(() => App.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().OutboundEmails
            .AnyAsync(e => e.ConversationId == conversationId && e.Status == OutboundEmailStatus.Sent)), "the reply is emailed");
        return (admin, conversationId);
    }

    [Fact]
    public async Task Replying_from_the_development_mailbox_brings_the_customers_reply_into_the_open_conversation_live()
    {
        var (admin, conversationId) = await EmailedConversationAsync();
        var workspace = await AgentWorkspacePage.SignInAsync(Page, admin.Email, MessengerApp.TestPassword);
        await workspace.OpenConversationAsync(conversationId);

        var mailbox = await Context.NewPageAsync();
        await mailbox.GotoAsync("/admin/development-mailbox");
        await Expect(mailbox.Locator("[data-live=true]")).ToBeVisibleAsync();
        await mailbox.Locator("[data-testid=mailbox] tbody tr", new() { HasText = Customer }).GetByRole(Microsoft.Playwright.AriaRole.Link).ClickAsync();
        await Expect(mailbox.GetByTestId("reply-form")).ToContainTextAsync(Customer);
        await mailbox.GetByTestId("reply-text").FillAsync("Wonderful, I will order two packs.");
        await mailbox.GetByTestId("send-reply").ClickAsync();
        await Expect(mailbox.GetByTestId("reply-result")).ToContainTextAsync("Posted in the conversation");

        var reply = workspace.Message("Wonderful, I will order two packs.");
        await Expect(reply).ToBeVisibleAsync();
        await Expect(reply.Locator(".pw-channel-email")).ToHaveTextAsync("Email");
        await Expect(Page.Locator(".pw-bubble", new() { HasText = "wrote:" })).ToHaveCountAsync(0);
        var originalHref = await reply.GetByTestId("show-original").GetAttributeAsync("href");
        await Page.GotoAsync("/" + originalHref);
        await Expect(Page.GetByTestId("original-kept")).ToHaveTextAsync("Wonderful, I will order two packs.");
        await Expect(Page.GetByTestId("mail-text")).ToContainTextAsync("> Yes, all of it.");
        await Expect(Page.GetByTestId("original-headers")).ToContainTextAsync(Customer);
    }

    [Fact]
    public async Task A_reply_from_another_address_waits_in_the_workspace_until_the_agent_accepts_it()
    {
        var (admin, conversationId) = await EmailedConversationAsync();
        var workspace = await AgentWorkspacePage.SignInAsync(Page, admin.Email, MessengerApp.TestPassword);
        await workspace.OpenConversationAsync(conversationId);

        var token = await App.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Conversations.Where(c => c.Id == conversationId).Select(c => c.ReplyToken).SingleAsync());
        var email = new MimeMessage { Subject = "Re: Your conversation", MessageId = $"{Guid.NewGuid():N}@office.test" };
        email.From.Add(new MailboxAddress("Sam Colleague", "sam@office.test"));
        email.To.Add(MailboxAddress.Parse($"help+{token}@tea.test"));
        email.Body = new TextPart("plain") { Text = "Jamie asked me to order for our office: six packs, please." };
        using var bytes = new MemoryStream();
        await email.WriteToAsync(bytes);
        var held = await App.InScopeAsync(sp => sp.GetRequiredService<InboundPipeline>().IngestAsync(bytes.ToArray(), InboundSource.Http, null, default));
        Assert.Equal(InboundEmailStatus.Held, held.Status);

        var panel = Page.GetByTestId("held-replies");
        await Expect(panel).ToContainTextAsync("Sam Colleague <sam@office.test>");
        await Expect(panel).ToContainTextAsync("six packs, please.");
        await Expect(workspace.Message("Jamie asked me to order for our office: six packs, please.")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(Page, "workspace-held-reply");
        var violations = await Axe.SeriousViolationsAsync(Page, inShadowRoot: false);
        Assert.True(violations.Count == 0, "axe found serious or critical violations:\n" + string.Join("\n", violations));

        await panel.GetByTestId("accept-held").ClickAsync();

        await Expect(workspace.Message("Jamie asked me to order for our office: six packs, please.")).ToBeVisibleAsync();
        await Expect(panel).ToHaveCountAsync(0);
        Assert.Matches(new Regex("^Accepted by "), (await App.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().InboundEmails.SingleAsync(e => e.Id == held.InboundEmailId))).Detail);
    }
}
