using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Parley.BrowserTests.Infrastructure;

/// <summary>The agent workspace as an agent uses it: intent methods over its real DOM.</summary>
public sealed class AgentWorkspacePage(IPage page)
{
    public const string SignInPath = "/workspace/sign-in";

    public IPage Page { get; } = page;

    public ILocator Error => Page.Locator(".pw-error");

    public ILocator Composer => Page.Locator("#composer-text");

    /// <summary>Signs in on the sign-in form and waits until the workspace is live.</summary>
    public static async Task<AgentWorkspacePage> SignInAsync(IPage page, string email, string password)
    {
        var workspace = await SubmitSignInAsync(page, email, password);
        await Expect(page).ToHaveURLAsync(new Uri(new Uri(page.Url), "/workspace").ToString());
        await workspace.WaitUntilLiveAsync();
        return workspace;
    }

    /// <summary>Fills and submits the sign-in form, whatever the outcome.</summary>
    public static async Task<AgentWorkspacePage> SubmitSignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync(SignInPath);
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("button[type=submit]").ClickAsync();
        return new AgentWorkspacePage(page);
    }

    /// <summary>Waits until the page's components run in a live circuit, so they receive events from now on.</summary>
    public Task WaitUntilLiveAsync() => Expect(Page.Locator("[data-live=true]").First).ToBeVisibleAsync();

    /// <summary>The count shown beside a view in the navigation, e.g. "unassigned".</summary>
    public ILocator ViewCount(string view) => Page.Locator($".pw-view[data-view={view}] .pw-count");

    public async Task<int> ViewCountAsync(string view) => int.Parse(await ViewCount(view).TextContentAsync() ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A conversation's row in the open view.</summary>
    public ILocator Row(Guid conversationId) => Page.Locator($".pw-row[data-conversation='{conversationId}']");

    /// <summary>Opens a conversation from the list, as an agent clicks it.</summary>
    public async Task OpenConversationAsync(Guid conversationId)
    {
        await Row(conversationId).Locator("a").ClickAsync();
        await Expect(Page).ToHaveURLAsync(ConversationUrl(conversationId));
        await WaitUntilLiveAsync();
    }

    /// <summary>The address of a conversation's page, with or without the view it was opened from.</summary>
    public static System.Text.RegularExpressions.Regex ConversationUrl(Guid conversationId) =>
        new($"/workspace/conversations/{conversationId}(\\?view=[a-z]+(&after=[^&]+)?)?$");

    /// <summary>A message in the open conversation's timeline, by its text.</summary>
    public ILocator Message(string text) => Page.Locator(".pw-msg").Filter(new() { Has = Page.Locator(".pw-bubble", new() { HasTextString = text }) });

    public async Task ReplyAsync(string text)
    {
        await Composer.FillAsync(text);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Reply", Exact = true }).ClickAsync();
    }

    public async Task AddNoteAsync(string text)
    {
        await Composer.FillAsync(text);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add internal note", Exact = true }).ClickAsync();
    }

    /// <summary>The composer's file input ("Attach files"), as the keyboard and the file chooser reach it.</summary>
    public ILocator FileInput => Page.Locator("#composer-files");

    /// <summary>Chooses files with the composer's "Attach files" control, as the file chooser would.</summary>
    public Task AttachFilesAsync(params FilePayload[] files) => FileInput.SetInputFilesAsync(files);

    /// <summary>The files chosen in the composer and not yet sent.</summary>
    public ILocator PendingFiles => Page.GetByRole(AriaRole.List, new() { Name = "Files to send", Exact = true }).Locator("li");

    /// <summary>A message in the open conversation's timeline that carries a file with this name (also one without text).</summary>
    public ILocator MessageWithFile(string fileName) =>
        Page.Locator(".pw-msg").Filter(new() { Has = Page.Locator(".pw-attachment-name", new() { HasTextString = fileName }) });

    /// <summary>Who the open conversation is assigned to, as its header says.</summary>
    public ILocator Assignee => Page.GetByTestId("conversation-assignee");

    public ILocator Status => Page.GetByTestId("conversation-status");

    public ILocator CustomerPanel => Page.GetByTestId("customer-panel");

    public Task AssignToMeAsync() => Page.GetByRole(AriaRole.Button, new() { Name = "Assign to me", Exact = true }).ClickAsync();

    /// <summary>Sets the open conversation's status with its button, e.g. "Solved" or "On hold".</summary>
    public Task SetStatusAsync(string status) =>
        Page.GetByRole(AriaRole.Group, new() { Name = "Status", Exact = true }).GetByRole(AriaRole.Button, new() { Name = status, Exact = true }).ClickAsync();

    /// <summary>Goes to a view from the navigation, e.g. "mine", and waits for its list to be live.</summary>
    public async Task OpenViewAsync(string view)
    {
        await Page.Locator($".pw-view[data-view={view}]").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Uri(new Uri(Page.Url), $"/workspace/views/{view}").ToString());
        await WaitUntilLiveAsync();
    }

    /// <summary>The region where new-conversation toasts appear.</summary>
    public ILocator Toasts => Page.GetByTestId("toasts");

    /// <summary>The toast announcing a new conversation.</summary>
    public ILocator Toast(Guid conversationId) => Toasts.Locator($".pw-toast[data-conversation='{conversationId}']");

    /// <summary>Searches from the sidebar's search box and waits for the live results page.</summary>
    public async Task SearchAsync(string query)
    {
        await Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search conversations", Exact = true }).FillAsync(query);
        await Page.GetByRole(AriaRole.Search).GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/workspace/search\?q="));
        await WaitUntilLiveAsync();
    }

    public async Task SetCustomerLanguageAsync(string language)
    {
        await Page.GetByLabel("Language", new() { Exact = true }).FillAsync(language);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save language", Exact = true }).ClickAsync();
    }
}
