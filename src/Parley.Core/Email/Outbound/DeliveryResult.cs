namespace Parley.Core.Email.Outbound;

/// <summary>What became of one attempt to hand a message over.</summary>
public enum DeliveryOutcome
{
    /// <summary>The server (or the development mailbox) took the message.</summary>
    Delivered,

    /// <summary>Try again later: the server is down, busy, or our own settings need fixing.</summary>
    TemporaryFailure,

    /// <summary>The message itself was refused (e.g. unknown recipient); retrying will not help.</summary>
    PermanentFailure,
}

/// <summary>The outcome of one delivery attempt and the server's reply or error text.</summary>
/// <param name="Detail">The server's reply or the error, on one line, at most <see cref="MaxDetailLength"/> characters, never a password.</param>
public sealed record DeliveryResult(DeliveryOutcome Outcome, string Detail)
{
    public const int MaxDetailLength = 500;

    public bool IsDelivered => Outcome == DeliveryOutcome.Delivered;

    public static DeliveryResult Delivered(string detail) => new(DeliveryOutcome.Delivered, Bound(detail));

    public static DeliveryResult Temporary(string detail) => new(DeliveryOutcome.TemporaryFailure, Bound(detail));

    public static DeliveryResult Permanent(string detail) => new(DeliveryOutcome.PermanentFailure, Bound(detail));

    // The detail is stored on the outbox row and shown to admins: one line, bounded.
    internal static string Bound(string detail)
    {
        var line = string.Join(' ', detail.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= MaxDetailLength ? line : string.Concat(line.AsSpan(0, MaxDetailLength - 1), "…");
    }
}
