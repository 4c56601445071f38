using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Parley.Core;
using Parley.Core.Conversations;
using Parley.Server.Auth;

namespace Parley.Server.Api;

public sealed record ReplyRequest(string? Text, string? ClientId, bool DoNotEmail = false);

public sealed record NoteRequest(string? Text, string? ClientId);

/// <summary>The agent to assign; null (sent explicitly) unassigns.</summary>
public sealed record AssignRequest([property: JsonRequired] Guid? AgentId);

public sealed record ChangeStatusRequest([property: JsonRequired] ConversationStatus Status);

/// <summary>Conversations for agents and integrations: the views, one conversation, replies, notes, assignment and status.</summary>
public static class ConversationsApi
{
    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/conversations").WithTags("Conversations").RequireAuthorization(AuthSetup.CanRead);
        group.MapGet("", ListAsync);
        group.MapGet("/counts", CountsAsync);
        group.MapGet("/{conversation}", GetAsync);
        group.MapGet("/{conversation}/messages", MessagesAsync);
        group.MapPost("/{conversation}/replies", ReplyAsync).RequireAuthorization(AuthSetup.CanWrite).AddOpenApiOperationTransformer(DescribeForm);
        group.MapPost("/{conversation}/notes", NoteAsync).RequireAuthorization(AuthSetup.CanWrite).AddOpenApiOperationTransformer(DescribeForm);
        // The same two as multipart/form-data, with files. Routing picks by Content-Type; without one, the
        // JSON endpoints (order 0) answer as before.
        MapWithFiles(group.MapPost("/{conversation}/replies", ReplyWithFilesAsync));
        MapWithFiles(group.MapPost("/{conversation}/notes", NoteWithFilesAsync));
        group.MapPut("/{conversation}/assignee", AssignAsync).RequireAuthorization(AuthSetup.CanWrite);
        group.MapPut("/{conversation}/status", ChangeStatusAsync).RequireAuthorization(AuthSetup.CanWrite);
        return app;
    }

    // view: unassigned (default), mine, open, pending or solved.
    private static Task<ConversationPage> ListAsync(
        ClaimsPrincipal user, ConversationQueries queries, CancellationToken ct,
        string? view = null, string? cursor = null, int? limit = null) =>
        queries.ListAsync(ParseView(view), user.GetAgentId(), cursor, limit, ct);

    private static ConversationView ParseView(string? view) =>
        view is null ? ConversationView.Unassigned
        : Enum.TryParse<ConversationView>(view, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsAsciiDigit(view[0]) ? parsed
        : throw ParleyProblem.Invalid("view", "The view must be one of: unassigned, mine, open, pending, solved.");

    private static async Task<IReadOnlyDictionary<ConversationView, int>> CountsAsync(ClaimsPrincipal user, ConversationQueries queries, CancellationToken ct) =>
        await queries.CountsAsync(user.GetAgentId(), ct);

    private static async Task<ConversationDetail> GetAsync(string conversation, ConversationQueries queries, CancellationToken ct, int? limit = null) =>
        await queries.GetForAgentAsync(await ResolveAsync(conversation, queries, ct), limit, ct);

    private static async Task<IReadOnlyList<MessageView>> MessagesAsync(
        string conversation, ConversationQueries queries, CancellationToken ct, long after = 0, int? limit = null) =>
        await queries.MessagesForAgentAsync(await ResolveAsync(conversation, queries, ct), after, limit, ct);

    private static async Task<Results<Created<MessageView>, Ok<MessageView>>> ReplyAsync(
        string conversation, ReplyRequest request, ClaimsPrincipal user, ConversationService service, ConversationQueries queries, CancellationToken ct)
    {
        var posted = await service.PostFromAgentAsync(user.GetAgent(), await ResolveAsync(conversation, queries, ct),
            new AgentMessageInput(request.Text, request.ClientId, IsInternalNote: false, request.DoNotEmail), ct);
        return Posted(posted);
    }

    private static async Task<Results<Created<MessageView>, Ok<MessageView>>> NoteAsync(
        string conversation, NoteRequest request, ClaimsPrincipal user, ConversationService service, ConversationQueries queries, CancellationToken ct)
    {
        var posted = await service.PostFromAgentAsync(user.GetAgent(), await ResolveAsync(conversation, queries, ct),
            new AgentMessageInput(request.Text, request.ClientId, IsInternalNote: true), ct);
        return Posted(posted);
    }

    private static void MapWithFiles(RouteHandlerBuilder endpoint) => endpoint
        .RequireAuthorization(AuthSetup.CanWrite)
        .Accepts<MessageFormDescription>("multipart/form-data")
        .AddEndpointFilter<SameOriginForms>()
        .WithOrder(1)
        // One operation per path and method: the JSON endpoint's description also lists the form (DescribeForm).
        .ExcludeFromDescription();

    private static async Task DescribeForm(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (operation.RequestBody?.Content is { } content)
        {
            content["multipart/form-data"] = new OpenApiMediaType
            {
                Schema = await context.GetOrCreateSchemaAsync(typeof(MessageFormDescription), null, ct),
            };
        }
    }

    private static async Task<Results<Created<MessageView>, Ok<MessageView>>> ReplyWithFilesAsync(
        string conversation, HttpRequest request, ClaimsPrincipal user, ConversationService service, ConversationQueries queries,
        IOptions<LimitsOptions> limits, CancellationToken ct)
    {
        var id = await ResolveAsync(conversation, queries, ct);
        var form = await MessageForm.ReadAsync(request, limits.Value, ct);
        return Posted(await service.PostFromAgentAsync(user.GetAgent(), id,
            new AgentMessageInput(form.Text, form.ClientId, IsInternalNote: false, form.DoNotEmail, form.Files), ct));
    }

    private static async Task<Results<Created<MessageView>, Ok<MessageView>>> NoteWithFilesAsync(
        string conversation, HttpRequest request, ClaimsPrincipal user, ConversationService service, ConversationQueries queries,
        IOptions<LimitsOptions> limits, CancellationToken ct)
    {
        var id = await ResolveAsync(conversation, queries, ct);
        var form = await MessageForm.ReadAsync(request, limits.Value, ct);
        return Posted(await service.PostFromAgentAsync(user.GetAgent(), id,
            new AgentMessageInput(form.Text, form.ClientId, IsInternalNote: true, Attachments: form.Files), ct));
    }

    private static async Task<ConversationSummary> AssignAsync(
        string conversation, AssignRequest request, ClaimsPrincipal user, ConversationCommands commands, ConversationQueries queries, CancellationToken ct) =>
        await commands.AssignAsync(user.GetAgent(), await ResolveAsync(conversation, queries, ct), request.AgentId, ct);

    private static async Task<ConversationSummary> ChangeStatusAsync(
        string conversation, ChangeStatusRequest request, ConversationCommands commands, ConversationQueries queries, CancellationToken ct) =>
        await commands.ChangeStatusAsync(await ResolveAsync(conversation, queries, ct), request.Status, ct);

    /// <summary>201 for a new message, 200 with the earlier one when the client id was already used.</summary>
    private static Results<Created<MessageView>, Ok<MessageView>> Posted(PostedMessage posted) => posted.Created
        ? TypedResults.Created($"/api/v1/conversations/{posted.Conversation.Id}/messages?after={posted.Message.Seq - 1}&limit=1", posted.Message)
        : TypedResults.Ok(posted.Message);

    /// <summary>A conversation is addressed by its id or by its readable number.</summary>
    private static async Task<Guid> ResolveAsync(string reference, ConversationQueries queries, CancellationToken ct)
    {
        if (Guid.TryParse(reference, out var id))
        {
            return id;
        }
        if (long.TryParse(reference, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) &&
            await queries.FindIdByNumberAsync(number, ct) is { } found)
        {
            return found;
        }
        throw ParleyProblem.NotFound("conversation");
    }
}
