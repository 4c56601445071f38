namespace Parley.Core.Email.Inbound.Trimming;

/// <summary>How one language's mail clients mark the start of quoted history and a mobile signature.</summary>
/// <remarks>
/// <paramref name="Wrote"/> and <paramref name="SentFrom"/> are .NET regular expressions matched, case-insensitively,
/// against a whole line after <see cref="ReplyLine.Probe"/> has removed quote markers, direction marks and extra
/// spaces; the other lists are literal words.
/// </remarks>
/// <param name="Code">The language, as in PRODUCT.md §9 (or "*" for patterns no language owns).</param>
/// <param name="Wrote">An attribution line: "On … wrote:", "Le … a écrit :", "…写道：".</param>
/// <param name="From">The label that opens an Outlook-style header block ("From", "De", "Von", "差出人").</param>
/// <param name="Fields">The other labels of that block ("Sent", "To", "Subject", "Date", "Cc").</param>
/// <param name="Original">The words between dashes in "-----Original Message-----".</param>
/// <param name="SentFrom">A mobile or app signature line: "Sent from my iPhone", "Get Outlook for Android".</param>
internal sealed record ReplyLanguage(
    string Code, string[] Wrote, string[] From, string[] Fields, string[] Original, string[] SentFrom);
