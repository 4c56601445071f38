using Microsoft.AspNetCore.Http.Features;
using Parley.Core;
using Parley.Core.Conversations;

namespace Parley.Server.Api;

/// <summary>What a multipart/form-data reply or note carries: the JSON body's fields as form fields, and files.</summary>
public sealed record MessageFormFields(string? Text, string? ClientId, bool DoNotEmail, IReadOnlyList<AttachmentInput> Files);

/// <summary>The multipart form a reply or note may be sent as, described for the OpenAPI document.</summary>
public sealed class MessageFormDescription
{
    public string? Text { get; set; }
    public string? ClientId { get; set; }
    /// <summary>Replies only: "true" or "false".</summary>
    public bool? DoNotEmail { get; set; }
    public IFormFileCollection? Files { get; set; }
}

/// <summary>
/// Reads a reply or note sent as multipart/form-data (fields text, clientId, doNotEmail; files in "files").
/// Only these requests may be as large as a message's files allow; every other body keeps the server's
/// small limit (Parley:Http:MaxRequestBodyBytes).
/// </summary>
public static class MessageForm
{
    public const string FilesField = "files";
    private static readonly string[] Fields = ["text", "clientId", "doNotEmail"];

    /// <summary>The largest body an upload may have: the files, plus room for the text, field headers and boundaries.</summary>
    public static long MaxBodyBytes(LimitsOptions limits) =>
        (long)limits.MaxAttachmentBytesPerMessage + (long)limits.MaxMessageLength * 4 + 64 * 1024;

    public static async Task<MessageFormFields> ReadAsync(HttpRequest request, LimitsOptions limits, CancellationToken ct)
    {
        var maxBody = MaxBodyBytes(limits);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = maxBody;
        }
        IFormCollection form;
        try
        {
            // The form reader's own limit sits above the server's, so an oversized body is the server's 413.
            form = await request.ReadFormAsync(new FormOptions
            {
                MultipartBodyLengthLimit = maxBody + 1024 * 1024,
                ValueCountLimit = 16,
                ValueLengthLimit = limits.MaxMessageLength * 4 + 1024,
            }, ct);
        }
        catch (InvalidDataException e)
        {
            throw new BadHttpRequestException("The multipart body could not be read.", StatusCodes.Status400BadRequest, e);
        }

        foreach (var key in form.Keys.Where(k => !Fields.Contains(k, StringComparer.Ordinal)))
        {
            throw ParleyProblem.Invalid(key, $"Unknown field; a message form has {string.Join(", ", Fields)} and {FilesField}.");
        }
        if (form.Files.FirstOrDefault(f => f.Name != FilesField) is { } stray)
        {
            throw ParleyProblem.Invalid(AttachmentRules.Field, $"Files go in the \"{FilesField}\" field, not \"{stray.Name}\".");
        }
        // Refused on names and sizes before a byte is copied.
        AttachmentRules.Refuse([.. form.Files.Select(f => ((string?)f.FileName, f.Length))], limits);
        var files = new List<AttachmentInput>(form.Files.Count);
        foreach (var file in form.Files)
        {
            var bytes = new byte[file.Length];
            await using var stream = file.OpenReadStream();
            await stream.ReadExactlyAsync(bytes, ct);
            files.Add(new AttachmentInput(file.FileName, bytes));
        }
        return new MessageFormFields(Single(form, "text"), Single(form, "clientId"), Flag(form, "doNotEmail"), files);
    }

    private static string? Single(IFormCollection form, string field) => form[field].Count switch
    {
        0 => null,
        1 => form[field][0],
        _ => throw ParleyProblem.Invalid(field, "Give this field once."),
    };

    private static bool Flag(IFormCollection form, string field) => Single(form, field) switch
    {
        null => false,
        var v when bool.TryParse(v, out var flag) => flag,
        _ => throw ParleyProblem.Invalid(field, "This field is \"true\" or \"false\"."),
    };
}
