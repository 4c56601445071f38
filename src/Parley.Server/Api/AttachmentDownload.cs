using Microsoft.Net.Http.Headers;
using Parley.Core.Conversations;

namespace Parley.Server.Api;

/// <summary>
/// How every attachment leaves Parley, for agents and end users alike. The bytes came from outside, so the
/// response may never be treated as a page of Parley's: the type is the one the server decided
/// (nosniff keeps the browser to it), the CSP sandbox gives anything the browser does render no script,
/// no same-origin access and no loads, and only real images are shown inline; everything else is a
/// download under its sanitised name. Attachments never change, so the id is the ETag; responses are
/// private (they need the caller's credentials) and revalidated each time, which also rechecks access.
/// </summary>
public static class AttachmentDownload
{
    public static async Task<IResult> SendAsync(HttpContext http, AttachmentView attachment, Func<CancellationToken, Task<byte[]>> read)
    {
        var headers = http.Response.Headers;
        var etag = $"\"{attachment.Id:N}\"";
        headers.ETag = etag;
        headers.CacheControl = "private, no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        // No other site may embed it with <img> or <video> either (fetches with CORS are not affected).
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        var disposition = new ContentDispositionHeaderValue(attachment.Inline ? "inline" : "attachment");
        // Both filename (ASCII fallback) and filename* (UTF-8, RFC 5987), as RFC 6266 recommends.
        disposition.SetHttpFileName(attachment.FileName);
        headers.ContentDisposition = disposition.ToString();
        if (IfNoneMatch(http.Request, etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        var bytes = await read(http.RequestAborted);
        return TypedResults.Bytes(bytes, attachment.ContentType);
    }

    private static bool IfNoneMatch(HttpRequest request, string etag) =>
        request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } tags &&
        tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false));
}
