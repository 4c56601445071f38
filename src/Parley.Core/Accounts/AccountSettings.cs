namespace Parley.Core.Accounts;

/// <summary>The account-wide settings: one row.</summary>
public sealed class AccountSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public string BusinessName { get; set; } = "Parley";
    public bool MessagingEnabled { get; set; } = true;
    /// <summary>The messenger's accent colour as #rrggbb.</summary>
    public string MessengerColor { get; set; } = "#3b5bdb";
    public string Greeting { get; set; } = "Hi! How can we help?";
    /// <summary>Website origins allowed to embed the messenger, one per line; empty allows none but Parley's own.</summary>
    public string AllowedOrigins { get; set; } = "";
    /// <summary>Shared secret for signed end-user identity tokens (HS256).</summary>
    public string IdentitySecret { get; set; } = "";
    public string DefaultLanguage { get; set; } = "en";
    /// <summary>Language codes offered to end users, comma-separated; every shipped language by default.</summary>
    public string OfferedLanguages { get; set; } = string.Join(',', Localization.ShippedLanguages.All);
    /// <summary>Solved conversations close after this many days (1–28).</summary>
    public int AutoCloseSolvedAfterDays { get; set; } = 4;
    public bool ContinuousConversationsEnabled { get; set; }
    /// <summary>Minutes without an end-user reply before unread agent replies are emailed (3–15).</summary>
    public int InactivityWindowMinutes { get; set; } = 10;
    /// <summary>The trigger that turning continuous conversations on created, offered for deactivation when it is turned off.</summary>
    public Guid? ContinuityTriggerId { get; set; }
    /// <summary>Signs the continue and unsubscribe links in emails (<see cref="Continuity.SignedLinks"/>); made at first run.</summary>
    public string LinkSigningKey { get; set; } = "";
    /// <summary>
    /// The key mail servers and providers present to POST incoming email (<c>/api/v1/inbound-email</c>),
    /// encrypted with the data-protection key so an admin can see it again; empty until an admin makes one.
    /// </summary>
    public string InboundKeyProtected { get; set; } = "";
    /// <summary>Which set of Parley's default triggers this account has had (<see cref="Triggers.DefaultTriggers.Version"/>).</summary>
    public int DefaultTriggersVersion { get; set; }
    /// <summary>The account status last announced as account.status, so each change is announced once, whichever server saw it.</summary>
    public AccountStatus AnnouncedStatus { get; set; } = AccountStatus.Offline;
    public DateTimeOffset UpdatedAt { get; set; }
}
