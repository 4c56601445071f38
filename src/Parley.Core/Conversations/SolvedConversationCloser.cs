using Microsoft.EntityFrameworkCore;
using Parley.Core.Data;
using Parley.Core.Events;

namespace Parley.Core.Conversations;

/// <summary>Closes conversations that have been solved for the configured number of days.</summary>
public sealed class SolvedConversationCloser(AppDbContext db, IEventPublisher events, TimeProvider clock)
{
    /// <summary>Claims and closes one batch of due conversations; returns how many it closed.</summary>
    public async Task<int> CloseDueAsync(int batchSize, CancellationToken ct)
    {
        var days = await db.Settings.Where(s => s.Id == Parley.Core.Accounts.AccountSettings.SingletonId).Select(s => (int?)s.AutoCloseSolvedAfterDays).FirstOrDefaultAsync(ct) ?? 4;
        var now = clock.GetUtcNow();
        var cutoff = now.AddDays(-days);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var due = await db.Conversations
            .Where(c => c.Status == ConversationStatus.Solved && c.SolvedAt <= cutoff)
            .OrderBy(c => c.SolvedAt)
            .Take(batchSize)
            .ForClaim()
            .ToListAsync(ct);
        foreach (var c in due)
        {
            ConversationStatusRules.Apply(c, ConversationStatus.Closed, now);
            c.UpdatedAt = now;
            c.Version = Guid.NewGuid();
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        foreach (var c in due)
        {
            events.Publish(new ConversationChanged(ConversationSummary.From(c)));
        }
        return due.Count;
    }
}
