using Parley.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

public sealed class WorkspaceKeyboardTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task Agent_replies_notes_moves_between_conversations_and_solves_with_the_keyboard()
    {
        var agent = await App.CreateAgentAsync();
        var workspace = await AgentWorkspacePage.SignInAsync(Page, agent.Email, MessengerApp.TestPassword);
        var first = await VisitorWritesAsync("First question " + Guid.NewGuid().ToString("N")[..8]);
        // The app's clock only moves when told: a second later, the second conversation is the newer one,
        // so the queue lists it first and "j" from it leads to the first.
        App.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await VisitorWritesAsync("Second question " + Guid.NewGuid().ToString("N")[..8]);

        await Expect(workspace.Row(second.Id)).ToBeVisibleAsync();
        await Expect(workspace.Row(first.Id)).ToBeVisibleAsync();
        var queue = await Page.Locator(".pw-row").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.conversation)");
        await workspace.OpenConversationAsync(second.Id);
        await Expect(Page.GetByTestId("shortcuts")).ToContainTextAsync("r reply");

        // r, then typing (letters such as "n" and "s" stay in the text), then Ctrl+Enter sends a reply.
        var answer = "Sure, send me your order number " + Guid.NewGuid().ToString("N")[..8];
        await Page.Keyboard.PressAsync("r");
        await Expect(workspace.Composer).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(answer);
        await Page.Keyboard.PressAsync("Control+Enter");
        await Expect(workspace.Message(answer)).ToContainTextAsync(agent.Name);
        await Expect(workspace.Message(answer)).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bpw-msg-note\b"));

        await BlurAsync();
        var note = "Looks like a returning customer " + Guid.NewGuid().ToString("N")[..8];
        await Page.Keyboard.PressAsync("n");
        await Expect(workspace.Composer).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(note);
        await Page.Keyboard.PressAsync("Control+Enter");
        await Expect(workspace.Message(note)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bpw-msg-note\b"));

        // j and k walk the view the conversation was opened from, in the order the queue showed.
        await BlurAsync();
        Assert.Equal([second.Id.ToString(), first.Id.ToString()], queue);
        await Expect(Page.Locator("[data-shortcut=j]")).ToHaveAttributeAsync("href", $"workspace/conversations/{first.Id}?view=unassigned");
        await Page.Keyboard.PressAsync("j");
        await Expect(Page).ToHaveURLAsync(AgentWorkspacePage.ConversationUrl(first.Id));
        await Expect(workspace.Message(first.Text)).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-shortcut=k]")).ToHaveAttributeAsync("href", $"workspace/conversations/{second.Id}?view=unassigned");
        await Page.Keyboard.PressAsync("k");
        await Expect(Page).ToHaveURLAsync(AgentWorkspacePage.ConversationUrl(second.Id));
        await Expect(workspace.Message(second.Text)).ToBeVisibleAsync();

        await Page.Keyboard.PressAsync("s");
        await Expect(workspace.Status).ToHaveTextAsync("Solved");
    }

    private async Task<(Guid Id, string Text)> VisitorWritesAsync(string text)
    {
        var messenger = await MessengerPage.OpenAsync(await OpenSecondBrowserAsync(), DemoPath);
        await messenger.OpenPanelAsync();
        await messenger.SendAsync(text);
        return (await App.ConversationWithMessageAsync(text), text);
    }

    private Task BlurAsync() => Page.EvaluateAsync("() => document.activeElement?.blur()");

    [Fact]
    public async Task Every_control_of_the_conversation_page_is_reached_with_Tab_and_works_with_the_keyboard()
    {
        var agent = await App.CreateAgentAsync();
        var workspace = await AgentWorkspacePage.SignInAsync(Page, agent.Email, MessengerApp.TestPassword);
        var question = await VisitorWritesAsync("Tab through me " + Guid.NewGuid().ToString("N")[..8]);
        await Page.GotoAsync($"/workspace/conversations/{question.Id}");
        await workspace.WaitUntilLiveAsync();
        await workspace.Composer.FillAsync("A draft, so the send buttons are enabled");
        await BlurAsync();

        // One full round of Tab from the top of the page, naming each control as a screen reader would.
        var reached = new List<string>();
        for (var i = 0; i < 80; i++)
        {
            await Page.Keyboard.PressAsync("Tab");
            var name = await FocusedAsync();
            if (name.Length > 0 && reached.Contains(name) && name == reached[0])
            {
                break;
            }
            reached.Add(name);
        }

        foreach (var control in new[] { "Search conversations", "Unassigned", "Mine", "Online", "Away", "Offline", "Play a sound", "Desktop notifications", "Sign out",
                     "Your message", "Add internal note", "Reply", "Open", "Pending", "On hold", "Solved", "Assign to an agent", "Assign to me", "Language", "Save language" })
        {
            // A view's link reads with its count, e.g. "Unassigned 3".
            Assert.True(reached.Exists(name => name == control || name.StartsWith(control + " ", StringComparison.Ordinal)),
                $"Tab never reached \"{control}\"; it reached: {string.Join(" | ", reached)}");
        }

        var unnamed = reached.Where(name => name.StartsWith('<')).ToList();
        Assert.True(unnamed.Count == 0, "Focusable without a name: " + string.Join(", ", unnamed));

        await TabToAsync("Assign to me");
        await Page.Keyboard.PressAsync("Enter");
        await Expect(workspace.Assignee).ToContainTextAsync(agent.Name);
        await TabToAsync("Pending");
        await Page.Keyboard.PressAsync("Space");
        await Expect(workspace.Status).ToHaveTextAsync("Pending");
    }

    /// <summary>The focused element's accessible name: its label, aria-label or text.</summary>
    private Task<string> FocusedAsync() => Page.EvaluateAsync<string>("""
        () => {
          const el = document.activeElement;
          if (!el || el === document.body) return "";
          const label = el.getAttribute("aria-label") || (el.labels && el.labels[0]?.textContent) || el.textContent || "";
          return label.replace(/\s+/g, " ").trim() || `<${el.tagName.toLowerCase()} class="${el.className}">`;
        }
        """);

    private async Task TabToAsync(string name)
    {
        for (var i = 0; i < 80; i++)
        {
            await Page.Keyboard.PressAsync("Tab");
            if (await FocusedAsync() == name)
            {
                return;
            }
        }
        Assert.Fail($"Tab never reached \"{name}\".");
    }
}
