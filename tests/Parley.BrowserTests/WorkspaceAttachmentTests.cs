using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Parley.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests;

public sealed class WorkspaceAttachmentTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    /// <summary>A 120×80 PNG image (546 bytes).</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAHgAAABQCAIAAABd+SbeAAAB6UlEQVR42u3Q500QABgE0NtEsTfsCthQAbvYsfeGov65LVzoVnAsp7gvueSSN8HDLqoGYDdVA7BA1QDs" +
        "oWoA9lI1APuoGoD9VA3AAaoG4CBVA3CIqgE4TNUAHKFqAI5SNQDHqBqARaoG4DhVA3CCqgE4SdUAnKJqAE5TNQBnKJN/fzfj+DZwljJJjPZt4Bxlkhjt28B5yiQx2reB" +
        "JcokMdq3gWXKJDHat4EVyiQx2reBC5RJYrRvAxcpk8Ro3wYuUSaJ0b4NXKZMEqN9G7hCmSRG+zawSpkkRvs2cJUySYz2beAaZZIY7dvAdcokMdq3gTXKJDHat4F1yiQx" +
        "2reBDcokMdq3gRuUSWK0bwM3KZPEaN8GblEmidG+DdymTBKjfRu4Q5kkRvs2cJcySYz2beAeZZIY7dvAfcokMdq3gU3KJDHat4EHlElitG8DDymTxGjfBh5RJonRvg08" +
        "pkwSo30beEKZJEb7NvCUMkmM9m3gGWWSGO3bwBZlkhjt28BzyiQx2reBF5RJYrRvAy8pk8Ro3wZeUSaJ0b4NvKZqAN5QNQBvqRqAd1QNwHuqBuADVQPwkaoB+ETVAHym" +
        "agC+UDUAX6kagG9UDcB3qgZgm6oB+EHVAPykagB2qBqAX1QNwG+qBuAPVQP+A9d9u0qz1QyEAAAAAElFTkSuQmCC");

    private static readonly byte[] Invoice = "Invoice 1042: 2 × mugs, 24.00 EUR"u8.ToArray();

    private async Task<(AgentWorkspacePage Workspace, MessengerPage Messenger)> ConversationAsync(string question)
    {
        var agent = await App.CreateAgentAsync();
        var workspace = await AgentWorkspacePage.SignInAsync(Page, agent.Email, MessengerApp.TestPassword);
        var messenger = await MessengerPage.OpenAsync(await OpenSecondBrowserAsync(), DemoPath);
        await messenger.OpenPanelAsync();
        await messenger.SendAsync(question);
        var conversationId = await App.ConversationWithMessageAsync(question);
        await Page.GotoAsync($"/workspace/conversations/{conversationId}");
        await workspace.WaitUntilLiveAsync();
        return (workspace, messenger);
    }

    private static async Task<byte[]> SavedBytesAsync(IDownload download) => await File.ReadAllBytesAsync(await download.PathAsync());

    [Fact]
    public async Task Files_attached_in_the_composer_show_in_the_timeline_and_in_the_messenger_and_both_can_open_them()
    {
        var (workspace, messenger) = await ConversationAsync("Could you send me the invoice? " + Guid.NewGuid().ToString("N")[..8]);

        await workspace.AttachFilesAsync(
            new FilePayload { Name = "invoice-1042.txt", MimeType = "text/plain", Buffer = Invoice },
            new FilePayload { Name = "parcel.png", MimeType = "image/png", Buffer = Png });
        await Expect(workspace.PendingFiles).ToHaveTextAsync([new Regex(@"invoice-1042\.txt\s+34 B"), new Regex(@"parcel\.png\s+546 B")]);
        var answer = "Here are the invoice and a photo of the parcel. " + Guid.NewGuid().ToString("N")[..8];
        await workspace.ReplyAsync(answer);

        // The timeline: each file with its size and a download link; the image also as a thumbnail.
        var sent = workspace.Message(answer);
        await Expect(sent.Locator(".pw-attachment")).ToHaveCountAsync(2);
        await Expect(workspace.PendingFiles).ToHaveCountAsync(0);
        await Expect(sent.Locator(".pw-attachment").First).ToContainTextAsync("34 B");
        await Expect(sent.Locator("img.pw-thumb")).ToHaveJSPropertyAsync("naturalWidth", 120);
        var agentCopy = await Page.RunAndWaitForDownloadAsync(() =>
            sent.GetByRole(AriaRole.Link, new() { Name = "Download invoice-1042.txt", Exact = true }).ClickAsync());
        Assert.Equal("invoice-1042.txt", agentCopy.SuggestedFilename);
        Assert.Equal(Invoice, await SavedBytesAsync(agentCopy));
        await Page.SetViewportSizeAsync(1280, 760);
        await Screenshots.SaveAsync(Page, "workspace-attachments");

        // The messenger: the same files, live; the image inline; each one opens with the visitor's session.
        var shown = messenger.StoredMessage(answer);
        await Expect(shown.Locator("button.file")).ToHaveCountAsync(2);
        await Expect(messenger.File(shown, "parcel.png").Locator("img")).ToHaveJSPropertyAsync("naturalWidth", 120);
        var visitorCopy = await messenger.Page.RunAndWaitForDownloadAsync(() => messenger.File(shown, "invoice-1042.txt").ClickAsync());
        Assert.Equal("invoice-1042.txt", visitorCopy.SuggestedFilename);
        Assert.Equal(Invoice, await SavedBytesAsync(visitorCopy));
        var image = await messenger.Page.RunAndWaitForDownloadAsync(() => messenger.File(shown, "parcel.png").ClickAsync());
        Assert.Equal(Png, await SavedBytesAsync(image));
        await Screenshots.SaveAsync(messenger.Page, "messenger-attachments");
    }

    [Fact]
    public async Task Composer_is_reachable_by_keyboard_refuses_an_eleventh_file_before_sending_and_sends_files_alone_as_a_note()
    {
        var (workspace, messenger) = await ConversationAsync("Here is what I bought " + Guid.NewGuid().ToString("N")[..8]);

        await workspace.Composer.FocusAsync();
        await Page.Keyboard.PressAsync("Tab");
        await Expect(workspace.FileInput).ToBeFocusedAsync();
        await Expect(Page.GetByLabel("Attach files", new() { Exact = true })).ToBeVisibleAsync();

        await workspace.AttachFilesAsync([.. Enumerable.Range(1, 11).Select(i =>
            new FilePayload { Name = $"receipt-{i}.txt", MimeType = "text/plain", Buffer = "paid"u8.ToArray() })]);
        await Expect(workspace.Error).ToHaveTextAsync("A message can carry at most 10 files.");
        await Expect(workspace.PendingFiles).ToHaveCountAsync(10);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Remove receipt-10.txt", Exact = true }).ClickAsync();
        await Expect(workspace.PendingFiles).ToHaveCountAsync(9);
        await workspace.AttachFilesAsync(new FilePayload { Name = "empty.txt", MimeType = "text/plain", Buffer = [] });
        await Expect(workspace.Error).ToHaveTextAsync("“empty.txt” is empty, so it was not added.");
        await Expect(workspace.PendingFiles).ToHaveCountAsync(9);

        // No text, only files: a note of its own, which never reaches the visitor.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add internal note", Exact = true }).ClickAsync();
        var note = workspace.MessageWithFile("receipt-1.txt");
        await Expect(note).ToHaveClassAsync(new Regex(@"\bpw-msg-note\b"));
        await Expect(note.Locator(".pw-attachment")).ToHaveCountAsync(9);
        await Expect(note.Locator(".pw-bubble")).ToBeHiddenAsync();
        await Expect(workspace.Error).ToHaveCountAsync(0);
        // The same file can be chosen again for the next message.
        await workspace.AttachFilesAsync(new FilePayload { Name = "receipt-1.txt", MimeType = "text/plain", Buffer = "paid"u8.ToArray() });
        await Expect(workspace.PendingFiles).ToHaveCountAsync(1);
        await messenger.SettleAsync();
        await Expect(messenger.Host.Locator("button.file")).ToHaveCountAsync(0);
    }
}
