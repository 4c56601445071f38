using Parley.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

public sealed class MessengerReadTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task Reply_arriving_in_a_hidden_tab_stays_unread_until_the_tab_is_visible_with_the_panel_open()
    {
        var agent = await App.SignInNewAgentAsync();
        var messenger = await OpenDemoAsync();
        await messenger.OpenPanelAsync();
        var question = "Where is my order? " + Guid.NewGuid().ToString("N")[..8];
        await messenger.SendAsync(question);
        var conversationId = await App.ConversationWithMessageAsync(question);
        var readBefore = (await agent.GetConversationAsync(conversationId)).Conversation.EndUserReadSeq;
        var readRequests = new List<string>();
        Page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.EndsWith("/read", StringComparison.Ordinal))
            {
                readRequests.Add(request.Url);
            }
        };

        // The visitor switches to another tab with the panel still open; the reply arrives meanwhile.
        await messenger.SetTabVisibleAsync(false);
        var answer = "It left the roastery this morning. " + Guid.NewGuid().ToString("N")[..8];
        var reply = await agent.ReplyAsync(conversationId, answer);
        await Expect(messenger.StoredMessage(answer)).ToBeVisibleAsync();
        await Expect(messenger.Badge).ToHaveTextAsync("1");
        await Expect(Page.Locator("#unread")).ToHaveTextAsync("Unread: 1");
        await messenger.SettleAsync();
        Assert.Empty(readRequests);
        Assert.Equal(readBefore, (await agent.GetConversationAsync(conversationId)).Conversation.EndUserReadSeq);

        // Back on the tab, but with the panel closed: still unread.
        await messenger.ClosePanelAsync();
        await messenger.SetTabVisibleAsync(true);
        await messenger.SettleAsync();
        await Expect(messenger.Badge).ToHaveTextAsync("1");
        Assert.Empty(readRequests);
        Assert.Equal(readBefore, (await agent.GetConversationAsync(conversationId)).Conversation.EndUserReadSeq);

        // Visible and open: now it is read, and the agent sees it.
        var marked = await Page.RunAndWaitForResponseAsync(messenger.OpenPanelAsync,
            r => r.Request.Method == "POST" && r.Url.EndsWith("/read", StringComparison.Ordinal));
        Assert.True(marked.Ok, $"POST /read answered {marked.Status}");
        await Expect(messenger.Badge).ToBeHiddenAsync();
        await Expect(Page.Locator("#unread")).ToHaveTextAsync("Unread: 0");
        Assert.True(readBefore < reply.Seq);
        Assert.Equal(reply.Seq, (await agent.GetConversationAsync(conversationId)).Conversation.EndUserReadSeq);
    }
}
