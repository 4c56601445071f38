using Microsoft.EntityFrameworkCore;
using Parley.Core.Accounts;
using Parley.Core.Conversations;
using Parley.Core.Data;
using Parley.Core.Localization;

namespace Parley.Core.Triggers;

/// <summary>Everything a job's triggers may look at or write about, read once per job.</summary>
internal sealed record JobSnapshot(
    Conversation Conversation, TriggerFacts Facts, TemplateValues Values, string Language);

/// <summary>Reads the facts of one event: the conversation and its customer always, the costly ones only when asked for.</summary>
internal sealed class TriggerFactsLoader(AppDbContext db, AccountAvailability availability, ConversationQueries queries, TimeProvider clock)
{
    public async Task<JobSnapshot?> LoadAsync(TriggerJob job, CostlyFacts needs, CancellationToken ct)
    {
        var row = await db.Conversations.AsNoTracking()
            .Where(c => c.Id == job.ConversationId)
            .Join(db.EndUsers, c => c.EndUserId, u => u.Id, (c, u) => new
            {
                c, u,
                Assignee = db.Agents.Where(a => a.Id == c.AssigneeId).Select(a => a.Name).FirstOrDefault(),
                // The customer's newest message up to the event: what "message text" conditions read.
                Text = db.Messages.Where(m => m.ConversationId == c.Id && m.Seq <= job.AtSeq && m.AuthorKind == MessageAuthorKind.EndUser)
                    .OrderByDescending(m => m.Seq).Select(m => m.Text).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        var settings = await db.Settings.AsNoTracking()
            .Where(s => s.Id == AccountSettings.SingletonId).Select(s => new { s.BusinessName, s.DefaultLanguage }).FirstOrDefaultAsync(ct);
        var (c, u) = (row.c, row.u);
        var facts = new TriggerFacts
        {
            Actor = job.Actor,
            PageUrl = c.PageUrl,
            MessageText = row.Text,
            CustomerName = u.Name,
            CustomerEmail = u.Email,
            CustomerLanguage = u.Language,
            Tags = [.. c.Tags],
        };
        await AddCostlyAsync(facts, c, needs, ct);
        var language = LanguageMatch.Choose([u.Language], settings?.DefaultLanguage);
        var values = new TemplateValues(u.Name, u.Email, u.Language, settings?.BusinessName ?? "", c.Number, row.Assignee);
        return new JobSnapshot(c, facts, values, language);
    }

    private async Task AddCostlyAsync(TriggerFacts facts, Conversation c, CostlyFacts needs, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (needs.HasFlag(CostlyFacts.AccountStatus))
        {
            facts.AccountStatus = await availability.StatusAsync(ct);
        }
        if (needs.HasFlag(CostlyFacts.BusinessHours))
        {
            facts.WithinBusinessHours = await availability.IsWithinBusinessHoursAsync(null, now, ct);
        }
        if (needs.HasFlag(CostlyFacts.LocalTime))
        {
            var local = TimeZoneInfo.ConvertTime(now, await availability.TimeZoneAsync(ct));
            (facts.LocalHour, facts.LocalDay) = (local.Hour, local.DayOfWeek);
        }
        if (needs.HasFlag(CostlyFacts.EarlierConversations))
        {
            facts.EarlierConversations = await db.Conversations.CountAsync(o => o.EndUserId == c.EndUserId && o.Id != c.Id && o.CreatedAt <= c.CreatedAt, ct);
        }
        if (needs.HasFlag(CostlyFacts.ActiveConversation))
        {
            facts.InActiveConversation = await db.Conversations.AnyAsync(o => o.EndUserId == c.EndUserId && o.Id != c.Id &&
                (o.Status == ConversationStatus.New || o.Status == ConversationStatus.Open || o.Status == ConversationStatus.Pending || o.Status == ConversationStatus.OnHold), ct);
        }
        if (needs.HasFlag(CostlyFacts.QueueSize))
        {
            facts.QueueSize = await queries.CountAsync(ConversationView.Unassigned, Guid.Empty, ct);
        }
    }
}
