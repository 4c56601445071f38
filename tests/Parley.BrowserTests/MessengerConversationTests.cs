using Parley.BrowserTests.Infrastructure;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

public sealed class MessengerConversationTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task Visitor_writes_on_the_demo_page_and_the_agent_reply_appears_live()
    {
        var agent = await App.SignInNewAgentAsync();
        var messenger = await OpenDemoAsync();
        await messenger.OpenPanelAsync();
        var question = "Do you ship to Norway? " + Guid.NewGuid().ToString("N")[..8];

        await messenger.SendAsync(question);
        var conversationId = await App.ConversationWithMessageAsync(question);
        var answer = "Yes, within three working days. " + Guid.NewGuid().ToString("N")[..8];
        await agent.ReplyAsync(conversationId, answer);

        var reply = messenger.StoredMessage(answer);
        await Expect(reply).ToBeVisibleAsync();
        await Expect(reply).Not.ToHaveClassAsync(new Regex(@"\bmine\b"));
        await Expect(reply.Locator(".meta")).ToContainTextAsync(agent.Name);
        await Expect(messenger.StoredMessage(question)).ToHaveClassAsync(new Regex(@"\bmine\b"));
        await Screenshots.SaveAsync(Page, "messenger-panel-conversation");
    }

    [Fact]
    public async Task Conversation_is_kept_after_a_reload_and_in_a_second_tab()
    {
        var agent = await App.SignInNewAgentAsync();
        var messenger = await OpenDemoAsync();
        await messenger.OpenPanelAsync();
        var question = "Is the Harbour Blend good for espresso? " + Guid.NewGuid().ToString("N")[..8];
        await messenger.SendAsync(question);
        var conversationId = await App.ConversationWithMessageAsync(question);
        var answer = "It is our espresso favourite. " + Guid.NewGuid().ToString("N")[..8];
        await agent.ReplyAsync(conversationId, answer);
        await Expect(messenger.StoredMessage(answer)).ToBeVisibleAsync();

        await Page.ReloadAsync();
        await Expect(messenger.Launcher).ToBeVisibleAsync();
        await messenger.OpenPanelAsync();
        await Expect(messenger.StoredMessage(question)).ToBeVisibleAsync();
        await Expect(messenger.StoredMessage(answer)).ToBeVisibleAsync();

        var second = await OpenDemoInNewTabAsync();
        await second.OpenPanelAsync();
        await Expect(second.StoredMessage(question)).ToBeVisibleAsync();
        await Expect(second.StoredMessage(answer)).ToBeVisibleAsync();

        // Both tabs follow the same conversation live.
        var later = "Anything else? " + Guid.NewGuid().ToString("N")[..8];
        await agent.ReplyAsync(conversationId, later);
        await Expect(second.StoredMessage(later)).ToBeVisibleAsync();
        await Expect(messenger.StoredMessage(later)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Message_written_offline_is_sent_exactly_once_when_the_connection_returns()
    {
        var messenger = await OpenDemoAsync();
        await messenger.OpenPanelAsync();
        var first = "Hello from the train " + Guid.NewGuid().ToString("N")[..8];
        await messenger.SendAsync(first);

        await Context.SetOfflineAsync(true);
        await Expect(messenger.Status).ToBeVisibleAsync();
        var queued = "Written in the tunnel " + Guid.NewGuid().ToString("N")[..8];
        await messenger.WriteAsync(queued);
        await Expect(messenger.Message(queued)).ToHaveClassAsync(new Regex(@"\bpending\b"));

        await Context.SetOfflineAsync(false);

        await Expect(messenger.StoredMessage(queued)).ToBeVisibleAsync();
        await Expect(messenger.Status).ToBeHiddenAsync();
        Assert.Equal(1, await App.StoredMessageCountAsync(queued));
        Assert.Equal(await App.ConversationWithMessageAsync(first), await App.ConversationWithMessageAsync(queued));
        await Expect(messenger.Message(queued)).ToHaveCountAsync(1);
    }
}
