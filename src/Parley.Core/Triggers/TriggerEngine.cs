using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Conversations;
using Parley.Core.Data;
using Parley.Core.Events;

namespace Parley.Core.Triggers;

/// <summary>
/// Runs the triggers of noted events, and resumes those that waited. Work is claimed from the database with
/// a lease, so any number of servers may run it: a job whose server died is taken over when its lease
/// ends. Each trigger matches an event at most once (its <see cref="TriggerRun"/> is written before its
/// first action), and each message it sends carries a client id made of the run and the action, so an
/// action redone after a crash is stored once.
/// </summary>
public sealed class TriggerEngine(
    AppDbContext db, TriggerCatalog catalog, ConversationService conversations, IEventPublisher events,
    AccountAvailability availability, ConversationQueries queries, TimeProvider clock, IOptions<LimitsOptions> limits,
    ILogger<TriggerEngine> log)
{
    /// <summary>How long a server holds claimed work before another may take it over.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    /// <summary>A job that failed this many times is given up (and logged), so it cannot block its conversation for ever.</summary>
    public const int MaxAttempts = 5;

    private readonly TriggerFactsLoader _facts = new(db, availability, queries, clock);

    /// <summary>Runs one batch of due jobs and due waits; returns how many it handled.</summary>
    public async Task<int> RunDueAsync(int batchSize, CancellationToken ct)
    {
        var handled = 0;
        var done = new List<long>();
        foreach (var job in await ClaimJobsAsync(batchSize, ct))
        {
            await GuardAsync(async () =>
            {
                await RunJobAsync(job, ct);
                done.Add(job.Id);
            }, $"trigger job {job.Id}", ct);
            handled++;
        }
        // One write marks the batch done. Should the server die before it, the jobs run again: their triggers'
        // runs are recorded and their messages carry client ids, so nothing is sent or matched twice.
        if (done.Count > 0)
        {
            var now = clock.GetUtcNow();
            await db.TriggerJobs.Where(j => done.Contains(j.Id)).ExecuteUpdateAsync(u => u.SetProperty(j => j.CompletedAt, now), ct);
        }
        foreach (var run in await ClaimWaitsAsync(batchSize, ct))
        {
            await GuardAsync(() => ResumeAsync(run, ct), $"trigger run {run.Id}", ct);
            handled++;
        }
        return handled;
    }

    /// <summary>When the next wait ends, so a worker can sleep until then.</summary>
    public async Task<DateTimeOffset?> NextWaitEndsAsync(CancellationToken ct) =>
        await db.TriggerRuns.AsNoTracking().Where(r => r.CompletedAt == null && r.DueAt != null)
            .OrderBy(r => r.DueAt).Select(r => r.DueAt).FirstOrDefaultAsync(ct);

    /// <summary>Deletes jobs finished more than a day ago whose triggers all ended, with their runs.</summary>
    public async Task<int> ForgetFinishedAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().AddDays(-1);
        var old = db.TriggerJobs.Where(j => j.CompletedAt != null && j.CompletedAt < cutoff &&
            !db.TriggerRuns.Any(r => r.JobId == j.Id && r.CompletedAt == null));
        await db.TriggerRuns.Where(r => old.Any(j => j.Id == r.JobId)).ExecuteDeleteAsync(ct);
        return await old.ExecuteDeleteAsync(ct);
    }

    private async Task<List<TriggerJob>> ClaimJobsAsync(int batchSize, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // A conversation's events run one after the other, in the order they happened: only its oldest
        // unfinished job may be claimed. The oldest unfinished jobs of the whole table, read in order, hold
        // every conversation's oldest among them, so that is decided here rather than by a self-join,
        // whose plan PostgreSQL gets badly wrong while the table's statistics lag behind a burst.
        var head = await db.TriggerJobs.AsNoTracking()
            .Where(j => j.CompletedAt == null)
            .OrderBy(j => j.Id).Take(Math.Max(50, batchSize * 4))
            .Select(j => new { j.Id, j.ConversationId, j.ClaimedUntil })
            .ToListAsync(ct);
        var eligible = head.GroupBy(j => j.ConversationId).Select(g => g.First())
            .Where(j => j.ClaimedUntil == null || j.ClaimedUntil < now).Select(j => j.Id).Take(batchSize).ToList();
        if (eligible.Count == 0)
        {
            return [];
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Another server may have claimed some meanwhile: the lock and the conditions are checked again.
        var jobs = await db.TriggerJobs
            .Where(j => eligible.Contains(j.Id) && j.CompletedAt == null && (j.ClaimedUntil == null || j.ClaimedUntil < now))
            .OrderBy(j => j.Id).ForClaim().ToListAsync(ct);
        foreach (var job in jobs)
        {
            job.ClaimedUntil = now + Lease;
            job.Attempts++;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return jobs;
    }

    private async Task<List<TriggerRun>> ClaimWaitsAsync(int batchSize, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var runs = await db.TriggerRuns
            .Where(r => r.CompletedAt == null && r.DueAt != null && r.DueAt <= now && (r.ClaimedUntil == null || r.ClaimedUntil < now))
            .OrderBy(r => r.DueAt).Take(batchSize).ForClaim().ToListAsync(ct);
        foreach (var run in runs)
        {
            run.ClaimedUntil = now + Lease;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return runs;
    }

    private async Task RunJobAsync(TriggerJob job, CancellationToken ct)
    {
        if (job.Attempts > MaxAttempts)
        {
            log.LogError("Trigger job {Job} for conversation {Conversation} failed {Attempts} times; giving it up", job.Id, job.ConversationId, job.Attempts - 1);
            return;
        }
        var byEvent = new List<(TriggerEvent Event, IReadOnlyList<CompiledTrigger> Triggers)>();
        var needs = CostlyFacts.None;
        foreach (var e in job.Events)
        {
            var triggers = await catalog.ActiveAsync(db, e, ct);
            byEvent.Add((e, triggers));
            needs = triggers.Aggregate(needs, (n, t) => n | t.Needs);
        }
        var snapshot = byEvent.Any(e => e.Triggers.Count > 0) ? await _facts.LoadAsync(job, needs, ct) : null;
        if (snapshot is not null)
        {
            var earlier = await db.TriggerRuns.AsNoTracking().Where(r => r.JobId == job.Id).ToDictionaryAsync(r => r.TriggerId, ct);
            foreach (var (runEvent, triggers) in byEvent)
            {
                snapshot.Facts.Event = runEvent;
                foreach (var trigger in triggers)
                {
                    if (earlier.TryGetValue(trigger.Trigger.Id, out var run))
                    {
                        // Matched before this job was interrupted: carry on where it stopped, never match again.
                        if (run.CompletedAt is null && run.DueAt is null)
                        {
                            await ActAsync(run, trigger.Trigger, snapshot, ct);
                        }
                        continue;
                    }
                    if (!trigger.Matches(snapshot.Facts))
                    {
                        continue;
                    }
                    run = new TriggerRun { Id = Guid.CreateVersion7(clock.GetUtcNow()), JobId = job.Id, TriggerId = trigger.Trigger.Id, ConversationId = job.ConversationId };
                    db.TriggerRuns.Add(run);
                    await db.SaveChangesAsync(ct);
                    db.Entry(run).State = EntityState.Detached;
                    await ActAsync(run, trigger.Trigger, snapshot, ct);
                }
            }
        }
    }

    private async Task ResumeAsync(TriggerRun run, CancellationToken ct)
    {
        var trigger = await db.Triggers.AsNoTracking().FirstOrDefaultAsync(t => t.Id == run.TriggerId, ct);
        var job = await db.TriggerJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == run.JobId, ct);
        var conversation = await db.Conversations.AsNoTracking().Where(c => c.Id == run.ConversationId)
            .Select(c => new { c.Status }).FirstOrDefaultAsync(ct);
        if (trigger is not { IsActive: true } || job is null || conversation is null || conversation.Status == ConversationStatus.Closed)
        {
            await EndAsync(run, TriggerRunOutcome.NoLongerNeeded, ct);
            return;
        }
        // The rest runs only if the conversation still needs it: no agent has answered since the event.
        var answered = await db.Messages.AnyAsync(m => m.ConversationId == run.ConversationId && m.Seq > job.AtSeq &&
            m.AuthorKind == MessageAuthorKind.Agent && !m.IsInternalNote, ct);
        if (answered)
        {
            await EndAsync(run, TriggerRunOutcome.AgentReplied, ct);
            return;
        }
        var snapshot = await _facts.LoadAsync(job, CostlyFacts.None, ct);
        if (snapshot is null)
        {
            await EndAsync(run, TriggerRunOutcome.NoLongerNeeded, ct);
            return;
        }
        run.DueAt = null;
        await ActAsync(run, trigger, snapshot, ct);
    }

    /// <summary>Does the run's remaining actions in order, recording each as done; a wait parks the run.</summary>
    private async Task ActAsync(TriggerRun run, Trigger trigger, JobSnapshot snapshot, CancellationToken ct)
    {
        for (var i = run.NextAction; i < trigger.Actions.Count; i++)
        {
            var action = trigger.Actions[i];
            if (action.Type == ActionType.Wait)
            {
                var due = clock.GetUtcNow().AddSeconds(action.Seconds ?? 1);
                await db.TriggerRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(u => u
                    .SetProperty(r => r.NextAction, i + 1).SetProperty(r => r.DueAt, due).SetProperty(r => r.ClaimedUntil, (DateTimeOffset?)null), ct);
                return;
            }
            try
            {
                await DoAsync(action, $"t{run.Id:N}-{i}", snapshot, ct);
            }
            catch (ParleyProblem p) when (p.Kind is ProblemKind.Conflict or ProblemKind.NotFound)
            {
                // Closed or gone meanwhile: nothing more to say in it.
                await EndAsync(run, TriggerRunOutcome.NoLongerNeeded, ct);
                return;
            }
            var next = i + 1;
            await db.TriggerRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.NextAction, next), ct);
        }
        await EndAsync(run, TriggerRunOutcome.Done, ct);
    }

    private async Task DoAsync(TriggerAction action, string clientId, JobSnapshot snapshot, CancellationToken ct)
    {
        var conversationId = snapshot.Conversation.Id;
        switch (action.Type)
        {
            case ActionType.SendMessage:
                var text = await TextAsync(action.Text, action.Preset ?? TriggerTexts.FirstReply, snapshot);
                if (text.Length > 0)
                {
                    await conversations.PostAutomatedAsync(conversationId, MessageAuthorKind.Trigger, text, null, ct, clientId);
                }
                break;
            case ActionType.RequestEmail:
                // With an address already given, a confirmation instead of the form.
                var hasEmail = !string.IsNullOrWhiteSpace(snapshot.Facts.CustomerEmail);
                var request = hasEmail
                    ? await TextAsync(null, TriggerTexts.EmailConfirmation, snapshot)
                    : await TextAsync(action.Text, action.Preset ?? TriggerTexts.RequestEmail, snapshot);
                await conversations.PostAutomatedAsync(conversationId, MessageAuthorKind.Trigger, request, hasEmail ? null : MessagePrompts.Email, ct, clientId);
                break;
            case ActionType.AddTags:
            case ActionType.RemoveTags:
                await ChangeTagsAsync(conversationId, action, snapshot.Facts.Tags, ct);
                break;
        }
    }

    private Task<string> TextAsync(string? text, string preset, JobSnapshot snapshot) =>
        TriggerTemplates.RenderAsync(string.IsNullOrWhiteSpace(text) ? TriggerTexts.For(preset, snapshot.Language) : text, snapshot.Values, limits.Value.MaxMessageLength).AsTask();

    private async Task ChangeTagsAsync(Guid conversationId, TriggerAction action, HashSet<string> tags, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var conversation = await db.Conversations.Where(c => c.Id == conversationId).ForUpdate().FirstOrDefaultAsync(ct)
            ?? throw ParleyProblem.NotFound("conversation");
        var now = new HashSet<string>(conversation.Tags);
        foreach (var tag in action.Tags ?? [])
        {
            _ = action.Type == ActionType.AddTags ? now.Add(tag) : now.Remove(tag);
        }
        // Later triggers of the same event see the tags as they are now.
        tags.Clear();
        tags.UnionWith(now);
        if (now.SetEquals(conversation.Tags))
        {
            return;
        }
        conversation.Tags = [.. now.Order(StringComparer.Ordinal).Take(ConversationTags.MaxPerConversation)];
        conversation.Version = Guid.NewGuid();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        events.Publish(new ConversationChanged(ConversationSummary.From(conversation)));
    }

    private Task EndAsync(TriggerRun run, TriggerRunOutcome outcome, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.TriggerRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.CompletedAt, now).SetProperty(r => r.Outcome, outcome).SetProperty(r => r.DueAt, (DateTimeOffset?)null), ct);
    }

    /// <summary>One failed job must not stop the others; its lease runs out and it is tried again.</summary>
    private async Task GuardAsync(Func<Task> work, string what, CancellationToken ct)
    {
        try
        {
            await work();
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            db.ChangeTracker.Clear();
            log.LogError(e, "Running {What} failed; it will be tried again", what);
        }
    }
}
