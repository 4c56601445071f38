using System.ComponentModel.DataAnnotations;

namespace Parley.Core.Data;

/// <summary>Which database Parley uses; configured under Parley:Database.</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Parley:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    /// <summary>For SQLite, defaults to a file under ./data; required for PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Parley:Database:ConnectionString is required when Parley:Database:Provider is Postgres.",
                [nameof(ConnectionString)]);
        }
    }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
