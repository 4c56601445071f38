using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Parley.Core;
using Parley.Core.Email;
using Parley.Core.Email.Inbound;
using Parley.Server.Auth;

namespace Parley.Server.Api;

/// <summary>
/// Incoming email over HTTP: mail servers and providers POST a raw RFC 5322 message with the account's
/// inbound key; agents list what came in, read originals, and accept or discard held replies.
/// </summary>
public static class InboundEmailApi
{
    public const string ContentType = "message/rfc822";

    public static IEndpointRouteBuilder MapInboundEmailApi(this IEndpointRouteBuilder app)
    {
        // Authenticated by the inbound key, not by a person: a mail server has no session.
        app.MapPost("/api/v1/inbound-email", IngestAsync).AllowAnonymous().WithTags("Inbound email")
            .Accepts<byte[]>(ContentType, "application/octet-stream", "text/plain")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        var group = app.MapGroup("/api/v1/inbound-emails").WithTags("Inbound email").RequireAuthorization(AuthSetup.CanRead);
        group.MapGet("", ListAsync);
        group.MapGet("/{id:guid}/original", OriginalAsync).Produces(StatusCodes.Status200OK, contentType: ContentType);
        group.MapPost("/{id:guid}/accept", AcceptAsync).RequireAuthorization(AuthSetup.CanWrite);
        group.MapPost("/{id:guid}/discard", DiscardAsync).RequireAuthorization(AuthSetup.CanWrite);
        return app;
    }

    private static async Task<Results<Ok<IngestResult>, Created<IngestResult>, UnauthorizedHttpResult>> IngestAsync(
        HttpRequest request, InboundKeys keys, InboundPipeline pipeline, IOptions<EmailOptions> options, CancellationToken ct)
    {
        if (!await keys.VerifyAsync(PresentedKey(request), ct))
        {
            return TypedResults.Unauthorized();
        }
        var max = options.Value.MaxInboundBytes;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            // Only this endpoint takes a whole email; one byte over the limit is enough to refuse it with the pipeline's own words.
            size.MaxRequestBodySize = max + 1L;
        }
        if (request.ContentLength > max)
        {
            throw new ParleyProblem(ProblemKind.TooLarge, "email-too-large",
                $"The email is {request.ContentLength:N0} bytes; Parley accepts emails of up to {max:N0} bytes.");
        }
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        var result = await pipeline.IngestAsync(body.ToArray(), InboundSource.Http, null, ct);
        // 200 for an email handled before, so a mail server retrying after a lost response sees success.
        return result.Duplicate ? TypedResults.Ok(result) : TypedResults.Created($"/api/v1/inbound-emails/{result.InboundEmailId}/original", result);
    }

    /// <summary>"Authorization: Bearer key", or HTTP Basic with the key as the password (for providers that only take a URL).</summary>
    private static string? PresentedKey(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) || header.Parameter is null)
        {
            return null;
        }
        if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return header.Parameter;
        }
        if (header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
                return decoded[(decoded.IndexOf(':', StringComparison.Ordinal) + 1)..];
            }
            catch (FormatException)
            {
                return null;
            }
        }
        return null;
    }

    // status: received, posted, held, unrouted, automatic, bounce, empty or discarded; all when left out.
    private static Task<IReadOnlyList<InboundEmailView>> ListAsync(InboundEmailQueries queries, CancellationToken ct, string? status = null, DateTimeOffset? before = null) =>
        queries.ListAsync(status is null ? null
            : Enum.TryParse<InboundEmailStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) && !char.IsAsciiDigit(status[0]) ? s
            : throw ParleyProblem.Invalid("status", "The status must be one of: " + string.Join(", ", Enum.GetNames<InboundEmailStatus>().Select(n => n.ToLowerInvariant())) + "."),
            before, ct);

    private static async Task<IResult> OriginalAsync(Guid id, InboundEmailQueries queries, CancellationToken ct) =>
        await queries.OriginalAsync(id, null, ct) is { } original
            ? TypedResults.File(original.Raw, ContentType, $"email-{id:N}.eml")
            : throw ParleyProblem.NotFound("inbound-email");

    private static Task<IngestResult> AcceptAsync(Guid id, ClaimsPrincipal user, HeldReplies held, CancellationToken ct) =>
        held.AcceptAsync(user.GetAgent(), id, ct);

    private static async Task<NoContent> DiscardAsync(Guid id, ClaimsPrincipal user, HeldReplies held, CancellationToken ct)
    {
        await held.DiscardAsync(user.GetAgent(), id, ct);
        return TypedResults.NoContent();
    }
}
