using Parley.BrowserTests.Infrastructure;
using Parley.Core.Conversations;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

public sealed class MessengerAccessibilityTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task Open_panel_with_a_conversation_and_the_email_form_has_no_serious_accessibility_violations()
    {
        var agent = await App.SignInNewAgentAsync();
        var messenger = await OpenDemoAsync();
        await messenger.OpenPanelAsync();
        var question = "Do you sell gift cards? " + Guid.NewGuid().ToString("N")[..8];
        await messenger.SendAsync(question);
        var conversationId = await App.ConversationWithMessageAsync(question);
        var answer = "We do, from 20 euros. " + Guid.NewGuid().ToString("N")[..8];
        await agent.ReplyAsync(conversationId, answer);
        await App.PostSystemPromptAsync(conversationId, "Leave your email and we will write to you there.", MessagePrompts.Email);
        await Expect(messenger.StoredMessage(answer)).ToBeVisibleAsync();
        await Expect(messenger.EmailInput).ToBeVisibleAsync();

        var violations = await Axe.SeriousViolationsAsync(Page);

        Assert.True(violations.Count == 0, "axe found serious or critical violations:\n" + string.Join("\n", violations));
    }

    [Fact]
    public async Task Messenger_is_operable_by_keyboard_with_focus_moving_into_the_panel_and_back()
    {
        var messenger = await OpenDemoAsync();
        await messenger.Launcher.FocusAsync();

        await Page.Keyboard.PressAsync("Enter");
        await Expect(messenger.Panel).ToBeVisibleAsync();
        await Expect(messenger.Composer).ToBeFocusedAsync();
        await Expect(messenger.Launcher).ToHaveAttributeAsync("aria-expanded", "true");

        var text = "Typed without a mouse " + Guid.NewGuid().ToString("N")[..8];
        await Page.Keyboard.TypeAsync(text);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(messenger.StoredMessage(text)).ToBeVisibleAsync();

        await Page.Keyboard.PressAsync("Escape");
        await Expect(messenger.Panel).ToBeHiddenAsync();
        await Expect(messenger.Launcher).ToBeFocusedAsync();
        await Expect(messenger.Launcher).ToHaveAttributeAsync("aria-expanded", "false");
    }
}
