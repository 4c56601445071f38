namespace Parley.Core.Email.Outbound;

/// <summary>One message in the development mailbox, as the admin center lists it (headers only).</summary>
/// <param name="Id">The file's name without extension; sorts by the time it was saved.</param>
/// <param name="MessageId">The Message-ID without angle brackets, if the message had one.</param>
/// <param name="Size">The file's size in bytes.</param>
public sealed record DevelopmentMailItem(string Id, DateTimeOffset SavedAt, string From, string To, string Subject, string? MessageId, long Size);
