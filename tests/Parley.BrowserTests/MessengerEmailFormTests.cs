using Parley.BrowserTests.Infrastructure;
using Parley.Core.Conversations;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

public sealed class MessengerEmailFormTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task Email_form_refuses_a_bad_and_an_accented_address_and_saves_a_good_one()
    {
        var agent = await App.SignInNewAgentAsync();
        var messenger = await OpenDemoAsync();
        await messenger.OpenPanelAsync();
        var question = "Can you tell me when the decaf is back? " + Guid.NewGuid().ToString("N")[..8];
        await messenger.SendAsync(question);
        var conversationId = await App.ConversationWithMessageAsync(question);

        await App.PostSystemPromptAsync(conversationId, "Leave your email and we will write to you there.", MessagePrompts.Email);
        await Expect(messenger.EmailInput).ToBeVisibleAsync();
        await Expect(messenger.EmailError).ToBeHiddenAsync();
        await Screenshots.SaveAsync(Page, "messenger-email-form");

        await messenger.EmailInput.FillAsync("not-an-address");
        await messenger.EmailSubmit.ClickAsync();
        await Expect(messenger.EmailError).ToBeVisibleAsync();
        await Expect(messenger.EmailError).ToContainTextAsync("valid email address");
        await Expect(messenger.EmailInput).ToHaveAttributeAsync("aria-invalid", "true");

        await messenger.EmailInput.FillAsync("josé@example.com");
        await messenger.EmailSubmit.ClickAsync();
        await Expect(messenger.EmailError).ToContainTextAsync("accented");
        Assert.Null((await agent.GetConversationAsync(conversationId)).EndUser.Email);

        var address = $"visitor-{Guid.NewGuid().ToString("N")[..8]}@example.com";
        await messenger.EmailInput.FillAsync(address);
        await messenger.EmailSubmit.ClickAsync();
        await Expect(messenger.EmailSaved).ToContainTextAsync(address);
        await Expect(messenger.EmailInput).ToHaveCountAsync(0);
        Assert.Equal(address, (await agent.GetConversationAsync(conversationId)).EndUser.Email);
    }
}
