using Parley.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

public sealed class WorkspaceSearchTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task Agent_finds_a_conversation_by_a_word_from_the_visitors_message_and_opens_it()
    {
        var agent = await App.CreateAgentAsync();
        var workspace = await AgentWorkspacePage.SignInAsync(Page, agent.Email, MessengerApp.TestPassword);

        var messenger = await MessengerPage.OpenAsync(await OpenSecondBrowserAsync(), DemoPath);
        await messenger.OpenPanelAsync();
        var word = "Lighthouse" + Guid.NewGuid().ToString("N")[..8];
        var question = $"Where is my {word} lamp order?";
        await messenger.SendAsync(question);
        var conversationId = await App.ConversationWithMessageAsync(question);

        await workspace.SearchAsync(word.ToUpperInvariant());
        await Expect(workspace.Row(conversationId)).ToBeVisibleAsync();
        await Expect(Page.Locator(".pw-row")).ToHaveCountAsync(1);

        await workspace.OpenConversationAsync(conversationId);
        await Expect(workspace.Message(question)).ToBeVisibleAsync();
    }
}
