namespace Parley.Core.BusinessHours;

/// <summary>Turns a local wall-clock time into an instant, also on the days a time zone's clocks change.</summary>
public static class LocalTimes
{
    /// <summary>
    /// The first instant at which the wall clock in <paramref name="zone"/> shows <paramref name="local"/>. A time
    /// repeated when clocks fall back is its first occurrence; a time skipped when they spring forward becomes the
    /// moment of the jump, the first instant the clock shows a later time.
    /// </summary>
    public static DateTimeOffset ToInstant(TimeZoneInfo zone, DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            return EndOfGap(zone, local);
        }
        // Of two offsets, the larger one names the earlier instant.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>The instant the clocks jumped over <paramref name="local"/>, found by bisection between the offsets either side.</summary>
    private static DateTimeOffset EndOfGap(TimeZoneInfo zone, DateTime local)
    {
        var before = zone.GetUtcOffset(local.AddHours(-6));
        var after = zone.GetUtcOffset(local.AddHours(6));
        // Read with the later offset, the time is an instant before the jump; with the earlier one, after it.
        var lo = new DateTimeOffset(local, after).UtcTicks;
        var hi = new DateTimeOffset(local, before).UtcTicks;
        if (hi <= lo)
        {
            return new DateTimeOffset(local, before);
        }
        while (hi - lo > TimeSpan.TicksPerSecond)
        {
            var mid = lo + ((hi - lo) / 2);
            if (TimeZoneInfo.ConvertTime(new DateTimeOffset(mid, TimeSpan.Zero), zone).DateTime >= local)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }
        // Transitions fall on whole seconds; round the bound to the second the clock first shows a later time.
        var instant = new DateTimeOffset(hi - (hi % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        if (TimeZoneInfo.ConvertTime(instant, zone).DateTime < local)
        {
            instant = instant.AddSeconds(1);
        }
        return TimeZoneInfo.ConvertTime(instant, zone);
    }
}
