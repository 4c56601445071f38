using Parley.Core.Continuity;
using Parley.Core.Conversations;
using Parley.Core.EndUsers;

namespace Parley.Core.Tests.Continuity;

public sealed class ContinuityPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static Conversation Conversation(ConversationStatus status = ConversationStatus.Open, long emailedThrough = 0, long readThrough = 0) =>
        new() { Id = Guid.NewGuid(), Status = status, EmailedThroughSeq = emailedThrough, EndUserReadSeq = readThrough, ContinuityWindowStartedAt = T0 };

    private static EndUser EndUser(string? email = "ana@customer.test", bool unsubscribed = false, bool bouncing = false) =>
        new() { Id = Guid.NewGuid(), Email = email, Unsubscribed = unsubscribed, EmailBouncing = bouncing };

    private static Message Msg(long seq, MessageAuthorKind kind = MessageAuthorKind.Agent, bool note = false, bool doNotEmail = false) =>
        new() { Id = Guid.NewGuid(), Seq = seq, AuthorKind = kind, Text = $"m{seq}", IsInternalNote = note, DoNotEmail = doNotEmail, CreatedAt = T0.AddSeconds(seq) };

    private static ContinuityDecision Decide(Conversation c, EndUser u, params Message[] messages) =>
        ContinuityPolicy.Decide(enabled: true, hasSupportAddress: true, c, u, messages);

    [Fact]
    public void Unread_human_agent_replies_are_emailed_oldest_first()
    {
        var decision = Decide(Conversation(), EndUser(), Msg(3), Msg(1, MessageAuthorKind.EndUser), Msg(2));

        Assert.True(decision.Sends);
        Assert.Equal([2L, 3L], decision.Replies.Select(m => m.Seq));
    }

    [Fact]
    public void Notes_trigger_system_and_do_not_email_messages_are_never_emailed()
    {
        var decision = Decide(Conversation(), EndUser(),
            Msg(1, note: true), Msg(2, MessageAuthorKind.Trigger), Msg(3, MessageAuthorKind.System), Msg(4, doNotEmail: true), Msg(5));

        Assert.Equal([5L], decision.Replies.Select(m => m.Seq));
    }

    [Fact]
    public void Replies_read_in_the_messenger_are_not_emailed()
    {
        var decision = Decide(Conversation(readThrough: 3), EndUser(), Msg(2), Msg(3));

        Assert.False(decision.Sends);
        Assert.Equal(NotEmailedReason.AllRead, decision.Reason);
    }

    [Fact]
    public void Only_replies_after_the_last_email_go_into_the_next_one()
    {
        var decision = Decide(Conversation(emailedThrough: 3, readThrough: 1), EndUser(), Msg(2), Msg(3), Msg(5));

        Assert.Equal([5L], decision.Replies.Select(m => m.Seq));
    }

    [Fact]
    public void A_solved_conversation_is_emailed_and_a_closed_one_is_not()
    {
        Assert.True(Decide(Conversation(ConversationStatus.Solved), EndUser(), Msg(2)).Sends);
        Assert.Equal(NotEmailedReason.Closed, Decide(Conversation(ConversationStatus.Closed), EndUser(), Msg(2)).Reason);
    }

    [Theory]
    [InlineData(null, false, false, NotEmailedReason.NoEmail)]
    [InlineData(" ", false, false, NotEmailedReason.NoEmail)]
    [InlineData("ana@customer.test", true, false, NotEmailedReason.Unsubscribed)]
    [InlineData("ana@customer.test", false, true, NotEmailedReason.Bouncing)]
    public void An_end_user_who_cannot_be_emailed_is_not_with_the_reason(string? email, bool unsubscribed, bool bouncing, NotEmailedReason reason)
    {
        var decision = Decide(Conversation(), EndUser(email, unsubscribed, bouncing), Msg(2));

        Assert.False(decision.Sends);
        Assert.Equal(reason, decision.Reason);
    }

    [Fact]
    public void Nothing_is_emailed_while_continuous_conversations_are_off_or_without_a_support_address()
    {
        Assert.Equal(NotEmailedReason.TurnedOff, ContinuityPolicy.Decide(false, true, Conversation(), EndUser(), [Msg(2)]).Reason);
        Assert.Equal(NotEmailedReason.NoSupportAddress, ContinuityPolicy.Decide(true, false, Conversation(), EndUser(), [Msg(2)]).Reason);
    }

    [Fact]
    public void The_window_ends_after_the_accounts_current_window()
    {
        var c = Conversation();

        Assert.Equal(T0.AddMinutes(10), ContinuityPolicy.DueAt(c, 10));
        Assert.Equal(T0.AddMinutes(3), ContinuityPolicy.DueAt(c, 3));
        c.ContinuityWindowStartedAt = null;
        Assert.Null(ContinuityPolicy.DueAt(c, 10));
    }
}
