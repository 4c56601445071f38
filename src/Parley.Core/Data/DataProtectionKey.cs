namespace Parley.Core.Data;

/// <summary>
/// A key that protects sign-in cookies, kept in the database so every Parley server can read the
/// cookies the others issued.
/// </summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}
