using Parley.Core.Email.Outbound;

namespace Parley.Core.Tests.Email;

/// <summary>Continuation email models for tests: one conversation at Acme, shown in UTC unless a test says otherwise.</summary>
internal static class EmailModels
{
    public const string ContinueUrl = "https://support.example.com/messenger/continue?token=c0ffee&lang=en";
    public const string UnsubscribeUrl = "https://support.example.com/email/unsubscribe?token=dead-beef";

    public static readonly DateTimeOffset FirstReplyAt = new(2025, 3, 14, 13, 58, 0, TimeSpan.Zero);

    public static ContinuationEmailModel With(
        string? language = "en", int replies = 1, string business = "Acme", string? endUser = "Jo Doe",
        string accountDefault = "en", string zone = "UTC", string text = "We shipped it today.", IReadOnlyList<string>? attachments = null,
        string agent = "Alex") =>
        new(language, accountDefault, business, endUser, 42,
            [.. Enumerable.Range(0, replies).Select(i => new EmailReply(agent, FirstReplyAt.AddMinutes(i), text, attachments ?? []))],
            new EmailReply(endUser ?? "", FirstReplyAt.AddMinutes(-5), "Where is my order?", []),
            ContinueUrl, UnsubscribeUrl, zone);

    public static ValueTask<RenderedEmail> RenderAsync(ContinuationEmailModel model, EmailTemplateOverride? custom = null) =>
        ContinuationEmailRenderer.RenderAsync(model, custom is null ? null : _ => custom);
}
