using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Parley.Core.Continuity;
using Parley.Core.Data;
using Parley.Core.Events;
using Parley.Core.Triggers;

namespace Parley.Core.Conversations;

/// <summary>
/// Writes messages into conversations. Each message, the conversation's new state and its sequence
/// number are committed together; events are published after the commit. A retry with the same client
/// id returns the message stored the first time.
/// </summary>
public sealed class ConversationService(
    AppDbContext db, IEventPublisher events, TimeProvider clock, IOptions<LimitsOptions> limits, TriggerEvents triggers)
{
    /// <summary>An end user starts a new conversation by sending its first message.</summary>
    public async Task<PostedMessage> StartAsync(Guid endUserId, EndUserMessageInput input, CancellationToken ct)
    {
        var files = AttachmentRules.Check(input.Attachments, limits.Value);
        var text = EndUserText(input, files);
        var clientId = MessageInputRules.ClientId(input.ClientId, limits.Value);
        var pageUrl = MessageInputRules.PageUrl(input.PageUrl, limits.Value);
        if (clientId is not null && await FindStartedAsync(endUserId, clientId, ct) is { } earlier)
        {
            return earlier;
        }
        try
        {
            return await CreateConversationAsync(endUserId, followUpOf: null, text, files, clientId, input.Channel, pageUrl, ct);
        }
        catch (DbUpdateException) when (clientId is not null)
        {
            // A concurrent retry with the same client id won the race; return what it stored.
            db.ChangeTracker.Clear();
            return await FindStartedAsync(endUserId, clientId, ct) ?? throw new InvalidOperationException("Conflict without a stored conversation.");
        }
    }

    /// <summary>
    /// An end user writes in one of their conversations. It reopens a solved, pending or on-hold
    /// conversation; in a closed one it starts a follow-up conversation instead.
    /// </summary>
    public async Task<PostedMessage> PostFromEndUserAsync(Guid endUserId, Guid conversationId, EndUserMessageInput input, CancellationToken ct)
    {
        var files = AttachmentRules.Check(input.Attachments, limits.Value);
        var text = EndUserText(input, files);
        var clientId = MessageInputRules.ClientId(input.ClientId, limits.Value);
        var pageUrl = MessageInputRules.PageUrl(input.PageUrl, limits.Value);
        // No look-up for an earlier attempt first: this is the hottest write, and the unique index on
        // (conversation, client id) refuses a repeat, which the catch below turns into the earlier message.
        try
        {
            return await AppendAsync(conversationId, ct,
                ownerCheck: c => c.EndUserId == endUserId,
                build: (c, now) =>
                {
                    var message = new Message { Text = text, ClientId = clientId, AuthorKind = MessageAuthorKind.EndUser, Channel = input.Channel };
                    Attach(message, files, now);
                    return message;
                },
                apply: (c, m, now) =>
                {
                    if (ConversationStatusRules.OnEndUserMessage(c.Status) == EndUserMessageEffect.Reopen)
                    {
                        ConversationStatusRules.Apply(c, ConversationStatus.Open, now);
                    }
                    c.LastEndUserMessageAt = now;
                    c.LastEndUserActivityAt = now;
                    c.PageUrl ??= pageUrl;
                    ContinuityWindow.OnEndUserMessage(c);
                },
                followUp: async closed =>
                {
                    // A retry of a message stored before the conversation closed, or of one that started the follow-up.
                    if (clientId is not null &&
                        (await FindEarlierAsync(closed.Id, clientId, endUserId, ct) ?? await FindStartedAsync(endUserId, clientId, ct)) is { } earlier)
                    {
                        return earlier;
                    }
                    // Later messages join the follow-up the first one started, rather than starting one each.
                    var followUp = await db.Conversations.AsNoTracking()
                        .Where(c => c.FollowUpOfId == closed.Id && c.Status != ConversationStatus.Closed)
                        .OrderByDescending(c => c.CreatedAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
                    return followUp is { } open
                        ? await PostFromEndUserAsync(endUserId, open, input, ct)
                        : await CreateConversationAsync(endUserId, closed.Id, text, files, clientId, input.Channel, pageUrl, ct);
                });
        }
        catch (DbUpdateException) when (clientId is not null)
        {
            db.ChangeTracker.Clear();
            var earlier = await FindEarlierAsync(conversationId, clientId, endUserId, ct) ?? await FindStartedAsync(endUserId, clientId, ct);
            if (earlier is null)
            {
                throw; // not a repeated client id: a real failure
            }
            return earlier;
        }
    }

    /// <summary>
    /// An agent replies or adds an internal note, with or without files. The files' rows and bytes are
    /// written in the message's transaction, so a message is stored with all its files or not at all; a
    /// retry with the same client id returns the first message and stores nothing.
    /// </summary>
    public async Task<PostedMessage> PostFromAgentAsync(AgentActor agent, Guid conversationId, AgentMessageInput input, CancellationToken ct)
    {
        var files = AttachmentRules.Check(input.Attachments, limits.Value);
        if (files.Count == 0 && string.IsNullOrWhiteSpace(input.Text))
        {
            throw ParleyProblem.Invalid("text", "A message needs some text or a file.");
        }
        var text = MessageInputRules.OptionalText(input.Text, limits.Value);
        var clientId = MessageInputRules.ClientId(input.ClientId, limits.Value);
        if (!input.IsInternalNote && !agent.ChatAccess)
        {
            throw ParleyProblem.Forbidden("no-chat-access", "Only agents with chat access can reply in messaging conversations.");
        }
        if (clientId is not null && await FindEarlierAsync(conversationId, clientId, null, ct) is { } earlier)
        {
            return earlier;
        }
        try
        {
            return await AppendAsync(conversationId, ct,
                ownerCheck: _ => true,
                build: (c, now) =>
                {
                    if (c.Status == ConversationStatus.Closed)
                    {
                        throw ParleyProblem.Conflict("conversation-closed", "The conversation is closed; the end user's next message starts a follow-up.");
                    }
                    var message = new Message
                    {
                        Text = text, ClientId = clientId, AuthorKind = MessageAuthorKind.Agent, AuthorAgentId = agent.AgentId,
                        Channel = MessageChannel.Web, IsInternalNote = input.IsInternalNote, DoNotEmail = input.DoNotEmail,
                    };
                    Attach(message, files, now);
                    return message;
                },
                apply: (c, m, now) =>
                {
                    if (!m.IsInternalNote)
                    {
                        ConversationStatusRules.Apply(c, ConversationStatusRules.AfterAgentAction(c.Status), now);
                    }
                    ContinuityWindow.OnAgentMessage(c, m);
                },
                followUp: null,
                agentName: agent.Name);
        }
        catch (DbUpdateException) when (clientId is not null)
        {
            db.ChangeTracker.Clear();
            return await FindEarlierAsync(conversationId, clientId, null, ct) ?? throw new InvalidOperationException("Conflict without a stored message.");
        }
    }

    /// <summary>
    /// A message from a trigger or from Parley itself, optionally asking the messenger to show a form. It
    /// changes neither the status nor the continuity window, is never emailed and sets off no trigger. With
    /// a client id, a repeat (a trigger redoing an action after a crash) returns the message stored first.
    /// </summary>
    public async Task<PostedMessage> PostAutomatedAsync(Guid conversationId, MessageAuthorKind kind, string text, string? prompt, CancellationToken ct, string? clientId = null)
    {
        if (kind is not (MessageAuthorKind.Trigger or MessageAuthorKind.System))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Automated messages come from a trigger or the system.");
        }
        var checkedText = MessageInputRules.Text(text, limits.Value);
        var id = MessageInputRules.ClientId(clientId, limits.Value);
        if (id is not null && await FindEarlierAsync(conversationId, id, null, ct) is { } earlier)
        {
            return earlier;
        }
        try
        {
            return await AppendAsync(conversationId, ct,
                ownerCheck: _ => true,
                build: (c, now) => c.Status == ConversationStatus.Closed
                    ? throw ParleyProblem.Conflict("conversation-closed", "The conversation is closed.")
                    : new Message { Text = checkedText, ClientId = id, AuthorKind = kind, Channel = MessageChannel.Web, Prompt = prompt, DoNotEmail = true },
                apply: (_, _, _) => { },
                followUp: null);
        }
        catch (DbUpdateException) when (id is not null)
        {
            db.ChangeTracker.Clear();
            return await FindEarlierAsync(conversationId, id, null, ct) ?? throw new InvalidOperationException("Conflict without a stored message.");
        }
    }

    private async Task<PostedMessage> AppendAsync(
        Guid conversationId,
        CancellationToken ct,
        Func<Conversation, bool> ownerCheck,
        Func<Conversation, DateTimeOffset, Message> build,
        Action<Conversation, Message, DateTimeOffset> apply,
        Func<Conversation, Task<PostedMessage>>? followUp,
        string? agentName = null)
    {
        await using var tx = await BeginAsync(ct);
        // Locking the conversation row serialises writers of one conversation, so sequence numbers have no gaps or twins.
        var conversation = await db.Conversations.Where(c => c.Id == conversationId).ForUpdate().FirstOrDefaultAsync(ct);
        if (conversation is null || !ownerCheck(conversation))
        {
            throw ParleyProblem.NotFound("conversation");
        }
        if (followUp is not null && ConversationStatusRules.OnEndUserMessage(conversation.Status) == EndUserMessageEffect.StartFollowUp)
        {
            await tx.RollbackAsync(ct);
            return await followUp(conversation);
        }
        var now = clock.GetUtcNow();
        var before = (conversation.Status, conversation.AssigneeId);
        var message = build(conversation, now);
        message.Id = Guid.CreateVersion7(now);
        message.ConversationId = conversation.Id;
        message.Seq = conversation.LastMessageSeq + 1;
        message.CreatedAt = now;
        db.Messages.Add(message);

        conversation.LastMessageSeq = message.Seq;
        conversation.LastMessageAt = now;
        conversation.UpdatedAt = now;
        conversation.Version = Guid.NewGuid();
        apply(conversation, message, now);
        // Automated messages never set off triggers, so triggers cannot set off one another.
        if (message.AuthorKind is MessageAuthorKind.EndUser or MessageAuthorKind.Agent)
        {
            var actor = message.AuthorKind == MessageAuthorKind.EndUser ? EventActor.Customer : EventActor.Agent;
            await triggers.ChangedAsync(db, conversation, before, actor, customerMessage: message.AuthorKind == MessageAuthorKind.EndUser, now, ct);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        var posted = new PostedMessage(ConversationSummary.From(conversation), MessageView.From(message, agentName), Created: true);
        events.Publish(new MessageCreated(posted.Conversation, posted.Message));
        return posted;
    }

    /// <summary>Adds the files to a message about to be saved: metadata through the message, bytes as rows of their own.</summary>
    private void Attach(Message message, IReadOnlyList<CheckedAttachment> files, DateTimeOffset now)
    {
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var attachment = new Attachment
            {
                Id = Guid.CreateVersion7(now), Position = i, FileName = file.FileName, ContentType = file.ContentType,
                SizeBytes = file.Content.LongLength, CreatedAt = now,
            };
            message.Attachments.Add(attachment);
            db.AttachmentContents.Add(new AttachmentContent { AttachmentId = attachment.Id, Content = file.Content });
        }
    }

    private async Task<PostedMessage> CreateConversationAsync(
        Guid endUserId, Guid? followUpOf, string text, IReadOnlyList<CheckedAttachment> files, string? clientId, MessageChannel channel,
        string? pageUrl, CancellationToken ct)
    {
        await using var tx = await BeginAsync(ct);
        var now = clock.GetUtcNow();
        var conversation = new Conversation
        {
            Id = Guid.CreateVersion7(now),
            Number = await ConversationNumbers.NextAsync(db, ct),
            EndUserId = endUserId,
            FollowUpOfId = followUpOf,
            PageUrl = pageUrl,
            StartClientId = clientId,
            Status = ConversationStatus.New,
            CreatedAt = now,
            UpdatedAt = now,
            LastMessageSeq = 1,
            LastMessageAt = now,
            LastEndUserActivityAt = now,
            LastEndUserMessageAt = now,
            Version = Guid.NewGuid(),
        };
        var message = new Message
        {
            Id = Guid.CreateVersion7(now),
            ConversationId = conversation.Id,
            Seq = 1,
            Text = text,
            ClientId = clientId,
            AuthorKind = MessageAuthorKind.EndUser,
            Channel = channel,
            CreatedAt = now,
        };
        Attach(message, files, now);
        db.Conversations.Add(conversation);
        db.Messages.Add(message);
        await triggers.NewConversationAsync(db, conversation, now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        var posted = new PostedMessage(ConversationSummary.From(conversation), MessageView.From(message, null), Created: true);
        events.Publish(new ConversationCreated(posted.Conversation));
        events.Publish(new MessageCreated(posted.Conversation, posted.Message));
        return posted;
    }

    /// <summary>An end user's text: required, unless files carry the message.</summary>
    private string EndUserText(EndUserMessageInput input, IReadOnlyList<CheckedAttachment> files) =>
        files.Count > 0 ? MessageInputRules.OptionalText(input.Text, limits.Value) : MessageInputRules.Text(input.Text, limits.Value);

    /// <summary>
    /// A transaction for one write. EF Core would wrap each SaveChanges in it in a savepoint (two more
    /// round trips); a failed write here abandons the whole transaction anyway, so none is needed.
    /// </summary>
    private async Task<IDbContextTransaction> BeginAsync(CancellationToken ct)
    {
        var tx = await db.Database.BeginTransactionAsync(ct);
        db.Database.AutoSavepointsEnabled = false;
        return tx;
    }

    private async Task<PostedMessage?> FindStartedAsync(Guid endUserId, string clientId, CancellationToken ct)
    {
        var conversation = await db.Conversations.AsNoTracking()
            .FirstOrDefaultAsync(c => c.EndUserId == endUserId && c.StartClientId == clientId, ct);
        return conversation is null ? null : await EarlierMessageAsync(conversation, clientId, ct);
    }

    /// <summary>The message an earlier attempt with this client id stored in the conversation, if any.</summary>
    private async Task<PostedMessage?> FindEarlierAsync(Guid conversationId, string clientId, Guid? endUserId, CancellationToken ct)
    {
        var message = await db.Messages.AsNoTracking().Include(m => m.Attachments)
            .FirstOrDefaultAsync(m => m.ConversationId == conversationId && m.ClientId == clientId, ct);
        if (message is null)
        {
            return null;
        }
        var conversation = await db.Conversations.AsNoTracking().FirstAsync(c => c.Id == conversationId, ct);
        if (endUserId is { } owner && conversation.EndUserId != owner)
        {
            throw ParleyProblem.NotFound("conversation");
        }
        return await ViewAsync(conversation, message, ct);
    }

    private async Task<PostedMessage> EarlierMessageAsync(Conversation conversation, string clientId, CancellationToken ct)
    {
        var message = await db.Messages.AsNoTracking().Include(m => m.Attachments)
            .FirstAsync(m => m.ConversationId == conversation.Id && m.ClientId == clientId, ct);
        return await ViewAsync(conversation, message, ct);
    }

    private async Task<PostedMessage> ViewAsync(Conversation conversation, Message message, CancellationToken ct)
    {
        var agentName = message.AuthorAgentId is { } id
            ? await db.Agents.Where(a => a.Id == id).Select(a => a.Name).FirstOrDefaultAsync(ct)
            : null;
        return new PostedMessage(ConversationSummary.From(conversation), MessageView.From(message, agentName), Created: false);
    }
}
