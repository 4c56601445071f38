using System.ComponentModel.DataAnnotations;

namespace Parley.Core;

/// <summary>Limits on what comes from outside; configured under Parley:Limits.</summary>
public sealed class LimitsOptions : IValidatableObject
{
    public const string Section = "Parley:Limits";

    [Range(1, 100_000)] public int MaxMessageLength { get; set; } = 10_000;
    [Range(16, 200)] public int MaxClientIdLength { get; set; } = 100;
    [Range(64, 8192)] public int MaxPageUrlLength { get; set; } = 2048;
    [Range(1, 500)] public int MaxPageSize { get; set; } = 100;

    /// <summary>Largest file, in bytes. Files are stored in the database and read whole to be served, so this stays modest.</summary>
    [Range(1, 50 * 1024 * 1024)] public int MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;
    [Range(1, 50)] public int MaxAttachmentsPerMessage { get; set; } = 10;
    /// <summary>Largest total of one message's files, in bytes; it also sizes the upload endpoints' request limit.</summary>
    [Range(1, 100 * 1024 * 1024)] public int MaxAttachmentBytesPerMessage { get; set; } = 25 * 1024 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxAttachmentBytesPerMessage < MaxAttachmentBytes)
        {
            yield return new ValidationResult(
                $"{nameof(MaxAttachmentBytesPerMessage)} ({MaxAttachmentBytesPerMessage}) must be at least {nameof(MaxAttachmentBytes)} ({MaxAttachmentBytes}).",
                [nameof(MaxAttachmentBytesPerMessage)]);
        }
    }
}

/// <summary>Agent sign-in rules; configured under Parley:SignIn.</summary>
public sealed class SignInOptions
{
    public const string Section = "Parley:SignIn";

    /// <summary>Failed attempts in a row before the account is locked.</summary>
    [Range(1, 100)] public int MaxFailedAttempts { get; set; } = 5;
    [Range(1, 24 * 60)] public int LockoutMinutes { get; set; } = 15;
    /// <summary>PBKDF2 iterations for new password hashes.</summary>
    [Range(10_000, 10_000_000)] public int PasswordIterations { get; set; } = 100_000;
    [Range(8, 128)] public int MinPasswordLength { get; set; } = 10;
}
