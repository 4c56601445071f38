using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Conversations;
using Parley.Core.Data;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Workers;

/// <summary>Due work is claimed so that several servers can run the same worker at once.</summary>
public abstract class ClaimTests(ParleyApp app)
{
    [Fact]
    public async Task Closers_running_at_once_close_each_due_conversation_exactly_once()
    {
        var agent = await app.SignInNewAgentAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            var visitor = await app.NewVisitorAsync();
            var started = await visitor.StartConversationAsync($"Question {i}");
            await agent.ChangeStatusAsync(started.Conversation.Id, ConversationStatus.Solved);
            ids.Add(started.Conversation.Id);
        }
        app.Clock.Advance(TimeSpan.FromDays(5));

        // Four "servers" each run the closer with small batches until nothing is due.
        var closedBy = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var total = 0;
            while (true)
            {
                var closed = await app.InScopeAsync(sp => sp.GetRequiredService<SolvedConversationCloser>().CloseDueAsync(3, default));
                if (closed == 0)
                {
                    return total;
                }
                total += closed;
            }
        })));

        var statuses = await app.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Conversations
            .Where(c => ids.Contains(c.Id)).Select(c => c.Status).ToListAsync());
        Assert.All(statuses, s => Assert.Equal(ConversationStatus.Closed, s));
        // A conversation closed twice would be counted twice. (No other test in this class solves conversations.)
        Assert.Equal(ids.Count, closedBy.Sum());
    }
}

public sealed class ClaimTests_Sqlite(SqliteApp app) : ClaimTests(app), IClassFixture<SqliteApp>;

public sealed class ClaimTests_Postgres(PostgresApp app) : ClaimTests(app), IClassFixture<PostgresApp>
{
    [Fact]
    public async Task A_claim_on_postgres_skips_rows_another_transaction_holds()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var started = await (await app.NewVisitorAsync()).StartConversationAsync($"Claim {i}");
            ids.Add(started.Conversation.Id);
        }
        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();
        var db1 = first.ServiceProvider.GetRequiredService<AppDbContext>();
        var db2 = second.ServiceProvider.GetRequiredService<AppDbContext>();
        db2.Database.SetCommandTimeout(5); // a claim that waited for the lock instead of skipping fails here, not hangs
        IQueryable<Conversation> Due(AppDbContext db) => db.Conversations.Where(c => ids.Contains(c.Id)).OrderBy(c => c.Number).Take(3).ForClaim();

        await using var tx1 = await db1.Database.BeginTransactionAsync();
        var claimedFirst = await Due(db1).Select(c => c.Id).ToListAsync();
        await using var tx2 = await db2.Database.BeginTransactionAsync();
        var claimedSecond = await Due(db2).Select(c => c.Id).ToListAsync();

        Assert.Equal(ids.Take(3), claimedFirst);
        Assert.Equal(ids.Skip(3), claimedSecond);
    }
}
