using System.Net.ServerSentEvents;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Conversations;
using Parley.Core.EndUsers;
using Parley.Core.Events;
using Parley.Server.Api;
using Parley.Server.Auth;
using Parley.Server.Operations;
using Parley.Server.Realtime;

namespace Parley.Server.Widget;

public sealed record CreateSessionRequest(string? Language);

public sealed record SessionResponse(string Token, Guid EndUserId);

public sealed record SendMessageRequest(string? Text, string? ClientId, string? PageUrl);

public sealed record ReadRequest([property: JsonRequired] long Seq);

public sealed record ReadResponse(Guid ConversationId, long EndUserReadSeq);

/// <summary>What the messenger needs before it shows anything; <c>EmbedAllowed</c> is judged from the page's origin.</summary>
public sealed record MessengerConfig(
    bool Enabled, string BusinessName, string Color, string Greeting, string DefaultLanguage, IReadOnlyList<string> OfferedLanguages, bool EmbedAllowed);

/// <summary>
/// Whether the business can answer now, for the messenger's notice: <c>Available</c> is false when no agent is
/// online or it is outside business hours; <c>NextOpening</c> is set when it is outside hours and they open again.
/// </summary>
public sealed record MessengerStatus(bool Available, AccountStatus Status, bool WithinBusinessHours, DateTimeOffset? NextOpening);

public sealed record IdentifyRequest(string? Token);

public sealed record EmailRequest(string? Email);

public sealed record LanguageRequest(string? Language);

/// <summary>
/// The API the messenger on a business's website talks to. A session token (from POST /sessions) is the
/// only credential, and it reaches only its own end user's conversations; any other id is "not found".
/// </summary>
public static class MessengerApi
{
    public static IEndpointRouteBuilder MapMessengerApi(this IEndpointRouteBuilder app)
    {
        // Any page may ask for the config (it says whether that page may embed the messenger); everything
        // else answers only the origins an admin allowed.
        app.MapGet("/messenger/v1/config", ConfigAsync).WithTags("Messenger").AllowAnonymous()
            .RequireCors(policy => policy.AllowAnyOrigin().WithMethods("GET"));
        var group = app.MapGroup("/messenger/v1").WithTags("Messenger").RequireCors(MessengerOrigins.Policy);
        group.MapPost("/sessions", CreateSessionAsync).AllowAnonymous().RequireRateLimiting(RateLimits.MessengerSessions);
        // Asked when the panel opens and every minute while it is open; needs no session.
        group.MapGet("/status", async (AccountAvailability availability, CancellationToken ct) =>
        {
            var now = await availability.NowAsync(ct);
            return new MessengerStatus(now.Available, now.Status, now.WithinBusinessHours, now.NextOpening);
        }).AllowAnonymous();
        group.MapPost("/sessions/identify", IdentifyAsync).AllowAnonymous().RequireRateLimiting(RateLimits.MessengerSessions);
        group.MapPost("/sessions/continue", EmailLinkEndpoints.ContinueSessionAsync).AllowAnonymous().RequireRateLimiting(RateLimits.MessengerSessions);

        var own = group.MapGroup("").RequireAuthorization(AuthSetup.IsEndUser).RequireRateLimiting(RateLimits.Messenger);
        own.MapDelete("/sessions/current", EndSessionAsync);
        own.MapGet("/profile", (ClaimsPrincipal user, EndUserProfiles profiles, CancellationToken ct) => profiles.GetAsync(user.GetEndUserId(), ct));
        own.MapPut("/profile/email", (EmailRequest request, ClaimsPrincipal user, EndUserProfiles profiles, CancellationToken ct) =>
            profiles.SetEmailAsync(user.GetEndUserId(), request.Email, ct));
        own.MapPut("/profile/language", (LanguageRequest request, ClaimsPrincipal user, EndUserProfiles profiles, CancellationToken ct) =>
            profiles.SetLanguageAsync(user.GetEndUserId(), request.Language, ct));
        own.MapGet("/conversations", ListAsync);
        own.MapPost("/conversations", StartAsync);
        own.MapGet("/conversations/{id:guid}", GetAsync);
        own.MapGet("/conversations/{id:guid}/messages", HistoryAsync);
        own.MapPost("/conversations/{id:guid}/messages", SendAsync);
        own.MapPost("/conversations/{id:guid}/read", MarkReadAsync);
        own.MapGet("/conversations/{id:guid}/attachments/{attachmentId:guid}", DownloadAsync);
        group.MapGet("/conversations/{id:guid}/events", StreamAsync).RequireAuthorization(AuthSetup.IsEndUser);
        return app;
    }

    private static async Task<MessengerConfig> ConfigAsync(SettingsService settings, HttpContext http, CancellationToken ct)
    {
        var s = await settings.GetAsync(ct);
        return new MessengerConfig(s.MessagingEnabled, s.BusinessName, s.MessengerColor, s.Greeting, s.DefaultLanguage,
            s.OfferedLanguages.Split(',', StringSplitOptions.RemoveEmptyEntries), MessengerOrigins.IsAllowed(http, s));
    }

    /// <summary>
    /// Signs in a website's logged-in user from the token the website signed. With the bearer of the
    /// anonymous session it replaces, that visitor's conversations come along.
    /// </summary>
    private static async Task<Ok<SessionResponse>> IdentifyAsync(IdentifyRequest request, HttpContext http, MessengerSessions sessions, CancellationToken ct)
    {
        var current = BearerToken.From(http.Request) is { } bearer ? await sessions.AuthenticateAsync(bearer, ct) : null;
        var (endUser, token) = await sessions.IdentifyAsync(request.Token, current, ct);
        return TypedResults.Ok(new SessionResponse(token, endUser.Id));
    }

    private static async Task<Created<SessionResponse>> CreateSessionAsync(CreateSessionRequest? request, MessengerSessions sessions, CancellationToken ct)
    {
        var (endUser, token) = await sessions.CreateAnonymousAsync(request?.Language, ct);
        return TypedResults.Created("/messenger/v1/sessions/current", new SessionResponse(token, endUser.Id));
    }

    private static async Task<NoContent> EndSessionAsync(HttpContext http, MessengerSessions sessions, CancellationToken ct)
    {
        await sessions.RevokeAsync(BearerToken.From(http.Request)!, ct);
        return TypedResults.NoContent();
    }

    private static async Task<IReadOnlyList<MessengerConversation>> ListAsync(ClaimsPrincipal user, ConversationQueries queries, CancellationToken ct) =>
        [.. (await queries.ListForEndUserAsync(user.GetEndUserId(), ct)).Select(MessengerConversation.From)];

    private static async Task<Results<Created<MessengerPosted>, Ok<MessengerPosted>>> StartAsync(
        SendMessageRequest request, ClaimsPrincipal user, ConversationService conversations, CancellationToken ct) =>
        Posted(await conversations.StartAsync(user.GetEndUserId(), new EndUserMessageInput(request.Text, request.ClientId, PageUrl: request.PageUrl), ct));

    private static async Task<MessengerConversation> GetAsync(Guid id, ClaimsPrincipal user, ConversationQueries queries, CancellationToken ct) =>
        MessengerConversation.From(await queries.GetForEndUserAsync(user.GetEndUserId(), id, ct));

    private static async Task<IReadOnlyList<MessengerMessage>> HistoryAsync(
        Guid id, ClaimsPrincipal user, ConversationQueries queries, CancellationToken ct, long after = 0, int? limit = null) =>
        [.. (await queries.MessagesForEndUserAsync(user.GetEndUserId(), id, after, limit, ct)).Select(MessengerMessage.From)];

    private static async Task<Results<Created<MessengerPosted>, Ok<MessengerPosted>>> SendAsync(
        Guid id, SendMessageRequest request, ClaimsPrincipal user, ConversationService conversations, CancellationToken ct) =>
        Posted(await conversations.PostFromEndUserAsync(user.GetEndUserId(), id, new EndUserMessageInput(request.Text, request.ClientId, PageUrl: request.PageUrl), ct));

    private static async Task<ReadResponse> MarkReadAsync(Guid id, ReadRequest request, ClaimsPrincipal user, ConversationCommands commands, CancellationToken ct) =>
        new(id, await commands.MarkReadAsync(user.GetEndUserId(), id, request.Seq, ct));

    /// <summary>A file of a message the end user may see, in one of their conversations; anything else is 404.</summary>
    private static async Task<IResult> DownloadAsync(Guid id, Guid attachmentId, ClaimsPrincipal user, AttachmentQueries attachments, HttpContext http, CancellationToken ct) =>
        await AttachmentDownload.SendAsync(http, await attachments.FindForEndUserAsync(user.GetEndUserId(), id, attachmentId, ct),
            c => attachments.ReadAsync(attachmentId, c));

    /// <summary>
    /// Live messages of one conversation. Each message event's id is its sequence number, so a client that
    /// reconnects with Last-Event-ID first receives every message it missed, then the live ones, none twice.
    /// </summary>
    private static async Task<IResult> StreamAsync(
        Guid id, ClaimsPrincipal user, IServiceScopeFactory scopes, EventHub hub, IOptions<JsonOptions> json,
        IOptions<RealtimeOptions> realtime, ParleyMetrics metrics, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        // The stream outlives its start-up queries; their database context goes back to the pool at once.
        await using var scope = scopes.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<ConversationQueries>();
        var endUserId = user.GetEndUserId();
        var after = EventStream.LastEventId(http.Request);
        var conversation = await queries.GetForEndUserAsync(endUserId, id, ct);
        // Without Last-Event-ID the stream starts from now; a position past the last message (a client that
        // knows more than the database, e.g. after a restore) starts from the last message.
        var lastSent = Math.Min(after ?? conversation.LastMessageSeq, conversation.LastMessageSeq);
        // Subscribe before reading the replay, so a message stored meanwhile is in one or the other; the
        // replay reads until it finds nothing newer, and live events up to what it sent are skipped.
        var subscription = hub.SubscribeConversation(id);
        var serializer = json.Value.SerializerOptions;
        var replay = new List<SseItem<string>>();
        try
        {
            while (true)
            {
                var page = await queries.MessagesForEndUserAsync(endUserId, id, lastSent, null, ct);
                if (page.Count == 0)
                {
                    break;
                }
                if (replay.Count + page.Count > realtime.Value.MaxReplay)
                {
                    // Too much was missed to replay; the client reloads the history instead.
                    replay.Add(new SseItem<string>("{}", "resync"));
                    lastSent = page[^1].Seq;
                    break;
                }
                replay.AddRange(page.Select(m => MessageItem(m, serializer)));
                lastSent = page[^1].Seq;
            }
        }
        catch
        {
            subscription.Dispose();
            throw;
        }

        metrics.StreamOpened("messenger");
        http.Response.RegisterForDispose(new StreamGauge(metrics, "messenger"));
        var items = EventStream.RunAsync(subscription, replay, e =>
        {
            SseItem<string>? item = e switch
            {
                MessageCreated m when m.Message.Seq > lastSent => MessageItem(m.Message, serializer),
                ConversationRead r => new SseItem<string>(JsonSerializer.Serialize(new ReadResponse(r.ConversationId, r.EndUserReadSeq), serializer), "read"),
                ConversationChanged c => new SseItem<string>(JsonSerializer.Serialize(MessengerConversation.From(c.Conversation), serializer), "conversation"),
                _ => null,
            };
            if (e is MessageCreated created && created.Message.Seq > lastSent)
            {
                lastSent = created.Message.Seq;
            }
            if (item is not null)
            {
                metrics.EventDelivered("messenger");
            }
            return item;
        }, clock, realtime.Value.Heartbeat, http.RequestAborted);
        return TypedResults.ServerSentEvents(items);
    }

    private static SseItem<string> MessageItem(MessageView m, JsonSerializerOptions serializer) =>
        new(JsonSerializer.Serialize(MessengerMessage.From(m), serializer), "message") { EventId = m.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private static Results<Created<MessengerPosted>, Ok<MessengerPosted>> Posted(PostedMessage posted)
    {
        var body = new MessengerPosted(MessengerConversation.From(posted.Conversation), MessengerMessage.From(posted.Message));
        return posted.Created
            ? TypedResults.Created($"/messenger/v1/conversations/{posted.Conversation.Id}", body)
            : TypedResults.Ok(body);
    }
}
