using Parley.Core.Conversations;
using Parley.Server.Auth;

namespace Parley.Server.Api;

/// <summary>Attachment downloads for agents and integrations (read scope); internal notes' files included.</summary>
public static class AttachmentsApi
{
    public static IEndpointRouteBuilder MapAttachmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/attachments").WithTags("Attachments").RequireAuthorization(AuthSetup.CanRead);
        group.MapGet("/{id:guid}", DownloadAsync)
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> DownloadAsync(Guid id, AttachmentQueries attachments, HttpContext http, CancellationToken ct) =>
        await AttachmentDownload.SendAsync(http, await attachments.FindForAgentAsync(id, ct), c => attachments.ReadAsync(id, c));
}
