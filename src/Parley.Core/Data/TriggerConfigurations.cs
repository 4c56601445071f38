using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parley.Core.Triggers;

namespace Parley.Core.Data;

internal sealed class TriggerConfiguration : IEntityTypeConfiguration<Trigger>
{
    /// <summary>Conditions and actions are read and written whole with their trigger, never queried: JSON text on both databases.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public void Configure(EntityTypeBuilder<Trigger> b)
    {
        b.Property(t => t.Name).HasMaxLength(TriggerRules.MaxNameLength);
        b.Property(t => t.Description).HasMaxLength(TriggerRules.MaxDescriptionLength);
        b.Property(t => t.RunOn).HasMaxLength(32);
        b.Property(t => t.DefaultKey).HasMaxLength(64);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.Property(t => t.Conditions).HasConversion(JsonConversion<List<TriggerCondition>>(), JsonComparer<List<TriggerCondition>>());
        b.Property(t => t.Actions).HasConversion(JsonConversion<List<TriggerAction>>(), JsonComparer<List<TriggerAction>>());
        b.HasIndex(t => new { t.RunOn, t.Position });
        b.HasIndex(t => t.DefaultKey).IsUnique();
    }

    private static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<T, string> JsonConversion<T>() where T : new() =>
        new(v => JsonSerializer.Serialize(v, Json), s => JsonSerializer.Deserialize<T>(s, Json) ?? new T());

    internal static ValueComparer<T> JsonComparer<T>() => new(
        (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
        v => JsonSerializer.Serialize(v, Json).GetHashCode(StringComparison.Ordinal),
        v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Json), Json)!);
}

internal sealed class TriggerJobConfiguration : IEntityTypeConfiguration<TriggerJob>
{
    public void Configure(EntityTypeBuilder<TriggerJob> b)
    {
        b.Property(j => j.Events).HasMaxLength(200).HasConversion(
            v => string.Join(',', v),
            s => s.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<TriggerEvent>).ToList(),
            new ValueComparer<List<TriggerEvent>>((a, c) => a!.SequenceEqual(c!), v => v.Count, v => v.ToList()));
        // The engine claims unfinished jobs in order; a conversation's next job waits for its earlier ones.
        b.HasIndex(j => j.Id, "IX_TriggerJobs_Unfinished").HasFilter("\"CompletedAt\" IS NULL");
        b.HasIndex(j => new { j.ConversationId, j.Id }, "IX_TriggerJobs_Conversation_Unfinished").HasFilter("\"CompletedAt\" IS NULL");
        b.HasIndex(j => j.CompletedAt);
    }
}

internal sealed class TriggerRunConfiguration : IEntityTypeConfiguration<TriggerRun>
{
    public void Configure(EntityTypeBuilder<TriggerRun> b)
    {
        // Each trigger at most once per event, also when a job is retried.
        b.HasIndex(r => new { r.JobId, r.TriggerId }).IsUnique();
        b.HasIndex(r => r.DueAt, "IX_TriggerRuns_Waiting").HasFilter("\"CompletedAt\" IS NULL AND \"DueAt\" IS NOT NULL");
    }
}
