namespace Parley.Core;

/// <summary>
/// A request Parley refuses, with a stable code. The server turns it into an RFC 7807 problem
/// response; nothing has been changed when it is thrown.
/// </summary>
public sealed class ParleyProblem : Exception
{
    public ParleyProblem(ProblemKind kind, string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
        : base(detail)
    {
        Kind = kind;
        Code = code;
        Errors = errors;
    }

    public ProblemKind Kind { get; }
    /// <summary>Stable machine-readable code, e.g. "conversation-not-found".</summary>
    public string Code { get; }
    public IReadOnlyDictionary<string, string[]>? Errors { get; }

    public static ParleyProblem NotFound(string what) =>
        new(ProblemKind.NotFound, $"{what}-not-found", $"The {what.Replace('-', ' ')} was not found.");

    public static ParleyProblem Invalid(string field, string message) => Invalid(field, message, "validation");

    /// <summary>A validation problem with a code of its own, for refusals a client may want to tell apart.</summary>
    public static ParleyProblem Invalid(string field, string message, string code) =>
        new(ProblemKind.Validation, code, "The request is not valid.",
            new Dictionary<string, string[]> { [field] = [message] });

    public static ParleyProblem Conflict(string code, string detail) => new(ProblemKind.Conflict, code, detail);

    public static ParleyProblem Forbidden(string code, string detail) => new(ProblemKind.Forbidden, code, detail);
}

public enum ProblemKind
{
    Validation,
    NotFound,
    Conflict,
    Forbidden,
    Unauthorized,
    Locked,
    /// <summary>The input is larger than Parley accepts (HTTP 413).</summary>
    TooLarge,
}
