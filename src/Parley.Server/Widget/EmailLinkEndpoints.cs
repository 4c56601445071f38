using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core;
using Parley.Core.Accounts;
using Parley.Core.Continuity;

namespace Parley.Server.Widget;

public sealed record ContinueRequest(string? Token);

public sealed record ContinueResponse(string Token, Guid EndUserId, Guid ConversationId);

/// <summary>
/// The links in continuation emails: one reopens the conversation in the messenger on any device, the
/// other unsubscribes with one click (RFC 8058). The signed link is the only credential either needs.
/// </summary>
public static class EmailLinkEndpoints
{
    /// <summary>Parley's own page with the messenger, for conversations that did not start on an allowed website page.</summary>
    public const string OwnPage = "/conversation/index.html";

    public static void MapEmailLinks(this WebApplication app)
    {
        app.MapGet("/messenger/continue/{token}", ContinueAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/email/unsubscribe/{token}", UnsubscribePageAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/email/unsubscribe/{token}", UnsubscribeAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
    }

    /// <summary>Back to the page the conversation started on (when the website allows the messenger), with the link in the fragment.</summary>
    private static async Task<IResult> ContinueAsync(string token, EmailLinks links, SettingsService settings, CancellationToken ct)
    {
        ContinueTarget target;
        try
        {
            target = await links.ResolveContinueAsync(token, ct);
        }
        catch (ParleyProblem)
        {
            return Page(HttpStatusCode.NotFound, "This link has expired",
                "The link in your email no longer opens the conversation. Reply to the email instead, or open the chat on our website.");
        }
        var account = await settings.GetAsync(ct);
        var page = target.PageUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && SettingsService.AllowsOrigin(account, uri.GetLeftPart(UriPartial.Authority))
            ? uri.GetLeftPart(UriPartial.Query)
            : OwnPage;
        // The fragment never reaches the website's server or its logs.
        return Results.Redirect($"{page}#parley-continue={token}");
    }

    /// <summary>POST /messenger/v1/sessions/continue (mapped with the messenger's group): the link becomes a session on this device.</summary>
    internal static async Task<Created<ContinueResponse>> ContinueSessionAsync(ContinueRequest request, EmailLinks links, CancellationToken ct)
    {
        var (session, target) = await links.ContinueAsync(request.Token, ct);
        return TypedResults.Created((string?)null, new ContinueResponse(session, target.EndUserId, target.ConversationId));
    }

    private static async Task<IResult> UnsubscribePageAsync(string token, EmailLinks links, CancellationToken ct) =>
        await links.IsValidUnsubscribeAsync(token, ct)
            // A GET only asks: mail scanners follow links, and must not unsubscribe anyone.
            ? Page(HttpStatusCode.OK, "Stop these emails?",
                "You will no longer get emails when we answer you in the chat. You can still write to us at any time.",
                "<form method=\"post\"><button type=\"submit\">Unsubscribe</button></form>")
            : Page(HttpStatusCode.NotFound, "This link is not valid", "The unsubscribe link is not valid. Reply to the email and we will stop them.");

    private static async Task<IResult> UnsubscribeAsync(string token, HttpRequest request, EmailLinks links, CancellationToken ct)
    {
        try
        {
            await links.UnsubscribeAsync(token, ct);
        }
        catch (ParleyProblem)
        {
            return Page(HttpStatusCode.NotFound, "This link is not valid", "The unsubscribe link is not valid. Reply to the email and we will stop them.");
        }
        // Mail clients' one-click POST (RFC 8058) needs only the status; a person gets a page.
        return request.HasFormContentType && (await request.ReadFormAsync(ct))["List-Unsubscribe"] == "One-Click"
            ? Results.Text("Unsubscribed.", "text/plain")
            : Page(HttpStatusCode.OK, "You are unsubscribed", "You will no longer get emails when we answer you in the chat.");
    }

    private static IResult Page(HttpStatusCode status, string title, string text, string extra = "") => Results.Content(
        $$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark"><meta name="referrer" content="no-referrer"><meta name="robots" content="noindex">
        <title>{{WebUtility.HtmlEncode(title)}}</title>
        <style>body{font:16px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh}main{max-width:32rem;padding:24px}button{font:inherit;padding:8px 16px}</style>
        </head><body><main><h1>{{WebUtility.HtmlEncode(title)}}</h1><p>{{WebUtility.HtmlEncode(text)}}</p>{{extra}}</main></body></html>
        """, "text/html; charset=utf-8", statusCode: (int)status);
}
