using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Parley.Core;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Parley.Server.Operations;

/// <summary>
/// Every error leaves as an RFC 7807 problem with a stable type (urn:parley:problem:CODE); nothing leaks a
/// stack trace. Core's <see cref="ParleyProblem"/> and malformed requests map to 4xx; the rest is a 500.
/// </summary>
public static class Problems
{
    public const string TypePrefix = "urn:parley:problem:";

    public static IServiceCollection AddParleyProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var problem = ctx.ProblemDetails;
            problem.Type = problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org", StringComparison.Ordinal)
                ? TypePrefix + DefaultCode(problem.Status ?? 500)
                : problem.Type;
            problem.Instance ??= ctx.HttpContext.Request.Path;
            problem.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
        });
        // After the default writer, which only answers clients that accept JSON (an EventSource asks for text/event-stream).
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonFallbackWriter>();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        return services;
    }

    public static string DefaultCode(int status) => status switch
    {
        400 => "bad-request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not-found",
        405 => "method-not-allowed",
        409 => "conflict",
        413 => "too-large",
        415 => "unsupported-media-type",
        429 => "too-many-requests",
        _ => status >= 500 ? "server-error" : "http-" + status,
    };
}

internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var problem = exception switch
        {
            ParleyProblem p => FromParley(p),
            BadHttpRequestException b => new ProblemDetails
            {
                Status = b.StatusCode,
                Title = b.StatusCode == 413 ? "The request is too large." : "The request could not be read.",
                Detail = Describe(b),
                Type = Problems.TypePrefix + (b.StatusCode == 413 ? "too-large" : "malformed-request"),
            },
            _ => null,
        };
        if (problem is null)
        {
            log.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            problem = new ProblemDetails { Status = 500, Title = "Something went wrong on our side.", Type = Problems.TypePrefix + "server-error" };
        }
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails FromParley(ParleyProblem p)
    {
        var status = p.Kind switch
        {
            ProblemKind.Validation => StatusCodes.Status400BadRequest,
            ProblemKind.NotFound => StatusCodes.Status404NotFound,
            ProblemKind.Conflict => StatusCodes.Status409Conflict,
            ProblemKind.Forbidden => StatusCodes.Status403Forbidden,
            ProblemKind.Unauthorized => StatusCodes.Status401Unauthorized,
            ProblemKind.Locked => StatusCodes.Status423Locked,
            ProblemKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
            _ => StatusCodes.Status400BadRequest,
        };
        var problem = p.Errors is { } errors
            ? new ValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value))
            : new ProblemDetails();
        problem.Status = status;
        problem.Title = p.Message;
        problem.Type = Problems.TypePrefix + p.Code;
        return problem;
    }

    /// <summary>Says what was wrong with the body without echoing it back.</summary>
    private static string Describe(BadHttpRequestException b) => b.InnerException switch
    {
        JsonException json => $"The body is not valid JSON for this request{(json.Path is { } path ? $" (at {path})" : "")}.",
        _ when b.StatusCode == 413 => "The request body is larger than this endpoint accepts.",
        _ => b.Message,
    };
}

/// <summary>
/// Writes a problem as application/problem+json whatever the request's Accept header says, so an error
/// on a request that does not ask for JSON (an event stream) still leaves as a problem, not an empty body.
/// </summary>
internal sealed class ProblemJsonFallbackWriter(IOptions<ProblemDetailsOptions> options, IOptions<HttpJsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        var problem = context.ProblemDetails;
        problem.Status ??= response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        options.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(response.WriteAsJsonAsync(problem, problem.GetType(), json.Value.SerializerOptions, "application/problem+json"));
    }
}
