namespace Parley.Server.Workers;

/// <summary>How long a worker sleeps: until its next due work, but never longer than its poll, for work other servers left.</summary>
public static class WorkerSleep
{
    public static TimeSpan Until(DateTimeOffset? next, TimeSpan poll, TimeProvider clock) =>
        next is { } due ? TimeSpan.FromTicks(Math.Clamp((due - clock.GetUtcNow()).Ticks, 0, poll.Ticks)) : poll;
}
