namespace Parley.Core.Email.Outbound;

/// <summary>An admin's wording of the continuation email for one language; a part left null uses Parley's own.</summary>
public sealed class CustomEmailTemplate
{
    /// <summary>A shipped language, e.g. "pt-BR".</summary>
    public required string Language { get; set; }
    public string? Subject { get; set; }
    public string? TextBody { get; set; }
    public string? HtmlBody { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
