using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Core.Data;

namespace Parley.Core.Conversations;

/// <summary>The agent views of the queue.</summary>
public enum ConversationView
{
    /// <summary>Not solved or closed, and nobody assigned.</summary>
    Unassigned,
    /// <summary>Not solved or closed, assigned to the asking agent.</summary>
    Mine,
    /// <summary>New or Open.</summary>
    Open,
    /// <summary>Pending or On-hold: waiting on the end user or someone else.</summary>
    Pending,
    Solved,
}

public sealed record ConversationListItem(ConversationSummary Conversation, EndUserView EndUser, string? AssigneeName, MessagePreview? LastMessage = null);

/// <summary>The start of a conversation's newest message, for lists.</summary>
public sealed record MessagePreview(MessageAuthorKind AuthorKind, MessageChannel Channel, bool IsInternalNote, string Text)
{
    /// <summary>How much of the text a list shows.</summary>
    public const int MaxLength = 160;
}

public sealed record ConversationPage(IReadOnlyList<ConversationListItem> Items, string? NextCursor);

public sealed record ConversationDetail(ConversationSummary Conversation, EndUserView EndUser, string? AssigneeName, IReadOnlyList<MessageView> Messages, bool HasEarlierMessages);

/// <summary>Reads conversations for agents and end users.</summary>
public sealed class ConversationQueries(AppDbContext db, IOptions<LimitsOptions> limits)
{
    private static readonly ConversationStatus[] Unsolved =
        [ConversationStatus.New, ConversationStatus.Open, ConversationStatus.Pending, ConversationStatus.OnHold];

    /// <summary>One page of a view, most recently active first; <paramref name="cursor"/> continues where the last page ended.</summary>
    public async Task<ConversationPage> ListAsync(ConversationView view, Guid agentId, string? cursor, int? limit, CancellationToken ct)
    {
        var take = PageSize(limit);
        var query = Filter(db.Conversations.AsNoTracking(), view, agentId);
        if (cursor is not null)
        {
            var (updatedAt, id) = DecodeCursor(cursor);
            // "At or before the cursor's time" first: a range the view's index can start from, so a page
            // costs the same however deep it is; the tie on the time is then broken by id.
            query = query.Where(c => c.UpdatedAt <= updatedAt && (c.UpdatedAt < updatedAt || c.Id.CompareTo(id) < 0));
        }
        var rows = await query
            .OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id)
            .Take(take + 1)
            .Join(db.EndUsers, c => c.EndUserId, u => u.Id, (c, u) => new { c, u })
            .Select(x => new
            {
                x.c, x.u,
                Assignee = db.Agents.Where(a => a.Id == x.c.AssigneeId).Select(a => a.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var shown = rows.Take(take).ToList();
        var previews = await PreviewsAsync([.. shown.Select(r => r.c.Id)], ct);
        var items = shown
            .Select(r => new ConversationListItem(ConversationSummary.From(r.c), EndUserView.From(r.u), r.Assignee, previews.GetValueOrDefault(r.c.Id)))
            .ToList();
        var next = rows.Count > take ? EncodeCursor(rows[take - 1].c) : null;
        return new ConversationPage(items, next);
    }

    /// <summary>How many conversations each view holds, for the workspace's counters.</summary>
    public async Task<IReadOnlyDictionary<ConversationView, int>> CountsAsync(Guid agentId, CancellationToken ct)
    {
        var counts = new Dictionary<ConversationView, int>();
        foreach (var view in Enum.GetValues<ConversationView>())
        {
            counts[view] = await CountAsync(view, agentId, ct);
        }
        return counts;
    }

    /// <summary>How many conversations one view holds (for <see cref="ConversationView.Mine"/>, the agent's).</summary>
    public Task<int> CountAsync(ConversationView view, Guid agentId, CancellationToken ct) =>
        Filter(db.Conversations.AsNoTracking(), view, agentId).CountAsync(ct);

    /// <summary>A conversation with its newest messages (internal notes included: for agents).</summary>
    public Task<ConversationDetail> GetForAgentAsync(Guid conversationId, int? limit, CancellationToken ct) =>
        DetailAsync(conversationId, afterSeq: null, PageSize(limit), ct);

    /// <summary>How many messages the workspace shows when it opens a conversation, and loads each time the agent asks for earlier ones.</summary>
    public const int TimelineWindow = 500;

    /// <summary>
    /// A conversation for the workspace's timeline: with <paramref name="afterSeq"/> null, its newest
    /// <see cref="TimelineWindow"/> messages; otherwise only those after that sequence number, so an open
    /// timeline fetches what is new instead of everything again (messages never change once written).
    /// </summary>
    public Task<ConversationDetail> TimelineAsync(Guid conversationId, long? afterSeq, CancellationToken ct) =>
        DetailAsync(conversationId, afterSeq, TimelineWindow, ct);

    /// <summary>Up to <see cref="TimelineWindow"/> messages just before <paramref name="beforeSeq"/>, oldest first, for agents.</summary>
    public async Task<IReadOnlyList<MessageView>> EarlierForAgentAsync(Guid conversationId, long beforeSeq, CancellationToken ct)
    {
        var from = Math.Max(0, beforeSeq - 1 - TimelineWindow);
        var rows = await MessagesAsync(conversationId, from, includeNotes: true, TimelineWindow, ct);
        return [.. rows.Where(m => m.Seq < beforeSeq)];
    }

    private async Task<ConversationDetail> DetailAsync(Guid conversationId, long? afterSeq, int take, CancellationToken ct)
    {
        var row = await db.Conversations.AsNoTracking()
            .Where(c => c.Id == conversationId)
            .Join(db.EndUsers, c => c.EndUserId, u => u.Id, (c, u) => new { c, u })
            .Select(x => new { x.c, x.u, Assignee = db.Agents.Where(a => a.Id == x.c.AssigneeId).Select(a => a.Name).FirstOrDefault() })
            .FirstOrDefaultAsync(ct) ?? throw ParleyProblem.NotFound("conversation");
        // Sequence numbers have no gaps, so the newest window starts at a known number: one indexed range read.
        var from = afterSeq ?? Math.Max(0, row.c.LastMessageSeq - take);
        var messages = row.c.LastMessageSeq > from
            ? await MessagesAsync(conversationId, afterSeq: from, includeNotes: true, take, ct)
            : [];
        return new ConversationDetail(ConversationSummary.From(row.c), EndUserView.From(row.u), row.Assignee, messages,
            HasEarlierMessages: (messages.Count > 0 ? messages[0].Seq : from + 1) > 1);
    }

    /// <summary>The longest search a query may hold, and the most results one search returns.</summary>
    public const int MaxSearchLength = 200, MaxSearchResults = 50;

    /// <summary>
    /// Conversations whose end user's name or email, or any message's text, contains <paramref name="query"/>
    /// (trimmed, case-insensitive; % and _ match themselves), most recently active first.
    /// </summary>
    public async Task<IReadOnlyList<ConversationListItem>> SearchAsync(string query, int limit, CancellationToken ct)
    {
        var text = (query ?? "").Trim();
        if (text.Length is < 2 or > MaxSearchLength)
        {
            throw ParleyProblem.Invalid("q", $"A search must be between 2 and {MaxSearchLength} characters.");
        }
        if (limit is < 1 or > MaxSearchResults)
        {
            throw ParleyProblem.Invalid("limit", $"The limit must be between 1 and {MaxSearchResults}.");
        }
        var pattern = "%" + EscapeLike(text.ToLowerInvariant()) + "%";
        var rows = await db.Conversations.AsNoTracking()
            .Join(db.EndUsers, c => c.EndUserId, u => u.Id, (c, u) => new { c, u })
            .Where(x => (x.u.Name != null && EF.Functions.Like(x.u.Name.ToLower(), pattern, LikeEscape))
                || (x.u.Email != null && EF.Functions.Like(x.u.Email.ToLower(), pattern, LikeEscape))
                || db.Messages.Any(m => m.ConversationId == x.c.Id && EF.Functions.Like(m.Text.ToLower(), pattern, LikeEscape)))
            .OrderByDescending(x => x.c.UpdatedAt).ThenByDescending(x => x.c.Id)
            .Take(limit)
            .Select(x => new
            {
                x.c, x.u,
                Assignee = db.Agents.Where(a => a.Id == x.c.AssigneeId).Select(a => a.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var previews = await PreviewsAsync([.. rows.Select(r => r.c.Id)], ct);
        return [.. rows.Select(r => new ConversationListItem(ConversationSummary.From(r.c), EndUserView.From(r.u), r.Assignee, previews.GetValueOrDefault(r.c.Id)))];
    }

    /// <summary>
    /// The newest message of each listed conversation, in one query: each conversation's last sequence
    /// number finds its message through the (conversation, seq) index. (Asked for inside the list query, EF
    /// Core would number every message of the table to pick one per conversation.)
    /// </summary>
    private async Task<Dictionary<Guid, MessagePreview>> PreviewsAsync(IReadOnlyList<Guid> conversationIds, CancellationToken ct)
    {
        if (conversationIds.Count == 0)
        {
            return [];
        }
        var rows = await db.Conversations.AsNoTracking()
            .Where(c => conversationIds.Contains(c.Id))
            .Join(db.Messages, c => new { ConversationId = c.Id, Seq = c.LastMessageSeq }, m => new { m.ConversationId, m.Seq },
                (c, m) => new { c.Id, Preview = new MessagePreview(m.AuthorKind, m.Channel, m.IsInternalNote, m.Text.Substring(0, MessagePreview.MaxLength)) })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => r.Preview);
    }

    private const string LikeEscape = "\\";

    private static string EscapeLike(string s) =>
        s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    public async Task<Guid?> FindIdByNumberAsync(long number, CancellationToken ct) =>
        await db.Conversations.Where(c => c.Number == number).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);

    /// <summary>Messages after a sequence number, oldest first, for agents.</summary>
    public async Task<IReadOnlyList<MessageView>> MessagesForAgentAsync(Guid conversationId, long afterSeq, int? limit, CancellationToken ct)
    {
        if (!await db.Conversations.AnyAsync(c => c.Id == conversationId, ct))
        {
            throw ParleyProblem.NotFound("conversation");
        }
        return await MessagesAsync(conversationId, afterSeq, includeNotes: true, PageSize(limit), ct);
    }

    /// <summary>An end user's own conversations, newest first.</summary>
    public async Task<IReadOnlyList<ConversationSummary>> ListForEndUserAsync(Guid endUserId, CancellationToken ct)
    {
        var rows = await db.Conversations.AsNoTracking()
            .Where(c => c.EndUserId == endUserId)
            .OrderByDescending(c => c.CreatedAt)
            .Take(limits.Value.MaxPageSize)
            .ToListAsync(ct);
        return [.. rows.Select(ConversationSummary.From)];
    }

    public async Task<ConversationSummary> GetForEndUserAsync(Guid endUserId, Guid conversationId, CancellationToken ct)
    {
        var c = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId && c.EndUserId == endUserId, ct);
        return c is null ? throw ParleyProblem.NotFound("conversation") : ConversationSummary.From(c);
    }

    /// <summary>Messages an end user may see (no internal notes) after a sequence number, oldest first.</summary>
    public async Task<IReadOnlyList<MessageView>> MessagesForEndUserAsync(Guid endUserId, Guid conversationId, long afterSeq, int? limit, CancellationToken ct)
    {
        await GetForEndUserAsync(endUserId, conversationId, ct);
        return await MessagesAsync(conversationId, afterSeq, includeNotes: false, PageSize(limit), ct);
    }

    internal async Task<IReadOnlyList<MessageView>> MessagesAsync(Guid conversationId, long afterSeq, bool includeNotes, int take, CancellationToken ct)
    {
        var rows = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Seq > afterSeq && (includeNotes || !m.IsInternalNote))
            .OrderBy(m => m.Seq)
            .Take(take)
            .Include(m => m.Attachments)
            .Select(m => new { m, Agent = db.Agents.Where(a => a.Id == m.AuthorAgentId).Select(a => a.Name).FirstOrDefault() })
            .ToListAsync(ct);
        return [.. rows.Select(r => MessageView.From(r.m, r.Agent))];
    }

    private int PageSize(int? limit)
    {
        var max = limits.Value.MaxPageSize;
        if (limit is < 1 || limit > max)
        {
            throw ParleyProblem.Invalid("limit", $"The limit must be between 1 and {max}.");
        }
        return limit ?? max;
    }

    // The conditions match the partial indexes of ConversationConfiguration word for word; change both together.
    private static IQueryable<Conversation> Filter(IQueryable<Conversation> q, ConversationView view, Guid agentId) => view switch
    {
        ConversationView.Unassigned => q.Where(c => c.AssigneeId == null && Unsolved.Contains(c.Status)),
        ConversationView.Mine => q.Where(c => c.AssigneeId == agentId && Unsolved.Contains(c.Status)),
        ConversationView.Open => q.Where(c => c.Status == ConversationStatus.New || c.Status == ConversationStatus.Open),
        ConversationView.Pending => q.Where(c => c.Status == ConversationStatus.Pending || c.Status == ConversationStatus.OnHold),
        ConversationView.Solved => q.Where(c => c.Status == ConversationStatus.Solved),
        _ => throw ParleyProblem.Invalid("view", "Unknown view."),
    };

    private static string EncodeCursor(Conversation c) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(
            c.UpdatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture) + "_" + c.Id.ToString("N")));

    private static (DateTimeOffset, Guid) DecodeCursor(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split('_');
            return (new DateTimeOffset(long.Parse(parts[0], CultureInfo.InvariantCulture), TimeSpan.Zero), Guid.ParseExact(parts[1], "N"));
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            throw ParleyProblem.Invalid("cursor", "The cursor is not one this API returned.");
        }
    }
}
