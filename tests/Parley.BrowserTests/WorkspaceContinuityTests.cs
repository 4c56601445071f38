using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.BrowserTests.Infrastructure;
using Parley.Core.Accounts;
using Parley.Core.Continuity;
using Parley.Core.Conversations;
using Parley.Core.Data;
using Parley.Core.Email;
using Parley.Core.Email.Outbound;
using Parley.Core.EndUsers;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

public sealed class WorkspaceContinuityTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task An_emailed_reply_says_when_it_was_emailed_and_the_panel_follows_each_email_live()
    {
        var agent = await App.CreateAgentAsync();
        await App.InScopeAsync(async sp =>
        {
            var addresses = sp.GetRequiredService<SupportAddresses>();
            var address = await addresses.CreateAsync(new SupportAddressInput("help@tea.test", "The Tea Shop", OutboundRoute.DevelopmentMailbox,
                null, 587, SmtpTlsMode.StartTls, null, null, null, null, null, IsDefault: true), default);
            await addresses.CheckAsync(address.Id, "owner@tea.test", default);
            return await sp.GetRequiredService<ContinuitySettings>().TurnOnAsync(10, deactivateOutOfOffice: false, default);
        });
        var (conversationId, first) = await App.InScopeAsync(async sp =>
        {
            var (visitor, _) = await sp.GetRequiredService<MessengerSessions>().CreateAnonymousAsync("en", default);
            await sp.GetRequiredService<EndUserProfiles>().SetEmailAsync(visitor.Id, "jamie@customer.test", default);
            var conversations = sp.GetRequiredService<ConversationService>();
            var started = await conversations.StartAsync(visitor.Id, new EndUserMessageInput("Is the green tea organic?", Guid.NewGuid().ToString()), default);
            var reply = await conversations.PostFromAgentAsync(AgentActor.From(await sp.GetRequiredService<AgentDirectory>().FindActiveAsync(agent.Id, default) ?? throw new InvalidOperationException()),
                started.Conversation.Id, new AgentMessageInput("Yes, all of it.", Guid.NewGuid().ToString()), default);
            return (started.Conversation.Id, reply.Message.Text);
        });
        var workspace = await AgentWorkspacePage.SignInAsync(Page, agent.Email, MessengerApp.TestPassword);
        await workspace.OpenConversationAsync(conversationId);
        var panel = Page.GetByTestId("continuity-panel");
        await Expect(panel.GetByTestId("continuity-unread")).ToHaveTextAsync("1");
        await Expect(panel.GetByTestId("continuity-window")).ToBeVisibleAsync();
        await Expect(workspace.Message(first).GetByTestId("emailed")).ToHaveCountAsync(0);

        // The window passes; the worker emails the reply into the development mailbox.
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        await Until.TrueAsync(() => SentAsync(conversationId, 1), "the reply is emailed");

        await Expect(workspace.Message(first).GetByTestId("emailed")).ToContainTextAsync("emailed");
        await Expect(panel.GetByTestId("continuity-emails")).ToContainTextAsync("To jamie@customer.test (replies: 1)");
        await Expect(panel.GetByTestId("continuity-emails")).ToContainTextAsync("sent");

        // A second reply, a second window, a second email: the panel lists both, newest first.
        var second = "We also have a new sencha.";
        await workspace.ReplyAsync(second);
        await Expect(workspace.Message(second)).ToBeVisibleAsync();
        await Expect(panel.GetByTestId("continuity-unread")).ToHaveTextAsync("2");
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        await Until.TrueAsync(() => SentAsync(conversationId, 2), "the second reply is emailed");
        await Expect(panel.Locator("[data-testid=continuity-emails] li")).ToHaveCountAsync(2);
        await Expect(workspace.Message(second).GetByTestId("emailed")).ToContainTextAsync("emailed");
        await Screenshots.SaveAsync(Page, "workspace-continuity");
        var violations = await Axe.SeriousViolationsAsync(Page, inShadowRoot: false);
        Assert.True(violations.Count == 0, "axe found serious or critical violations:\n" + string.Join("\n", violations));

        // On another device, the link in the email opens the conversation in the messenger, its history shown.
        var mailbox = App.Services.GetRequiredService<DevelopmentMailbox>();
        var emailed = mailbox.List().First(m => m.To.Contains("jamie@customer.test", StringComparison.Ordinal));
        var link = System.Text.RegularExpressions.Regex.Match(mailbox.Read(emailed.Id)?.TextBody ?? "", @"https?://\S+?(/messenger/continue/[A-Za-z0-9_-]+)").Groups[1].Value;
        Assert.NotEmpty(link);
        var phone = await OpenSecondBrowserAsync();
        var messenger = await MessengerPage.OpenAsync(phone, link);
        await Expect(messenger.StoredMessage(second)).ToBeVisibleAsync();
        await Expect(messenger.StoredMessage(first)).ToBeVisibleAsync();
        Assert.DoesNotContain("parley-continue", phone.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_panel_says_why_a_reply_was_not_emailed()
    {
        var agent = await App.CreateAgentAsync();
        await App.InScopeAsync(sp => sp.GetRequiredService<ContinuitySettings>().SetWindowAsync(10, default));
        var conversationId = await App.InScopeAsync(async sp =>
        {
            var (visitor, _) = await sp.GetRequiredService<MessengerSessions>().CreateAnonymousAsync("en", default);
            var conversations = sp.GetRequiredService<ConversationService>();
            var started = await conversations.StartAsync(visitor.Id, new EndUserMessageInput("Hello?", Guid.NewGuid().ToString()), default);
            await conversations.PostFromAgentAsync(AgentActor.From(await sp.GetRequiredService<AgentDirectory>().FindActiveAsync(agent.Id, default) ?? throw new InvalidOperationException()),
                started.Conversation.Id, new AgentMessageInput("Hi, how can we help?", Guid.NewGuid().ToString()), default);
            return started.Conversation.Id;
        });
        var workspace = await AgentWorkspacePage.SignInAsync(Page, agent.Email, MessengerApp.TestPassword);
        await workspace.OpenConversationAsync(conversationId);

        App.Clock.Advance(TimeSpan.FromMinutes(10));

        await Expect(Page.GetByTestId("continuity-not-emailed")).ToBeVisibleAsync();
        var reason = await Page.GetByTestId("continuity-not-emailed").GetAttributeAsync("data-reason");
        // Continuous conversations may be on or off in this app; either way the visitor left no address.
        Assert.Contains(reason, new[] { nameof(NotEmailedReason.NoEmail), nameof(NotEmailedReason.TurnedOff) });
    }

    private Task<bool> SentAsync(Guid conversationId, int count) => App.InScopeAsync(async sp =>
        await sp.GetRequiredService<AppDbContext>().OutboundEmails.CountAsync(e => e.ConversationId == conversationId && e.Status == OutboundEmailStatus.Sent) == count);
}
