using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parley.Core.BusinessHours;

namespace Parley.Core.Data;

/// <summary>
/// A schedule is one row. Its intervals and holidays are small, bounded and always read and replaced whole,
/// so each is a JSON text column: the same on both databases, and no child rows to keep in step.
/// </summary>
internal sealed class BusinessScheduleConfiguration : IEntityTypeConfiguration<BusinessSchedule>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public void Configure(EntityTypeBuilder<BusinessSchedule> b)
    {
        b.Property(s => s.Name).HasMaxLength(BusinessSchedule.MaxNameLength);
        b.Property(s => s.TimeZone).HasMaxLength(64);
        // At most one default: a unique index over the rows that are it.
        b.HasIndex(s => s.IsDefault).IsUnique().HasFilter("\"IsDefault\"");
        b.Property(s => s.Intervals).HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => JsonSerializer.Deserialize<List<WeeklyInterval>>(v, Json) ?? new List<WeeklyInterval>(),
            ListComparer<WeeklyInterval>());
        b.Property(s => s.Holidays).HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => JsonSerializer.Deserialize<List<Holiday>>(v, Json) ?? new List<Holiday>(),
            ListComparer<Holiday>());
    }

    private static ValueComparer<IReadOnlyList<T>> ListComparer<T>() => new(
        (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
        v => v.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)),
        v => v.ToList());
}
