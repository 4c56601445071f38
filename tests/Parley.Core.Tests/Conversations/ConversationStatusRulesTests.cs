using Parley.Core.Conversations;

namespace Parley.Core.Tests.Conversations;

public sealed class ConversationStatusRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(ConversationStatus.New, EndUserMessageEffect.None)]
    [InlineData(ConversationStatus.Open, EndUserMessageEffect.None)]
    [InlineData(ConversationStatus.Pending, EndUserMessageEffect.Reopen)]
    [InlineData(ConversationStatus.OnHold, EndUserMessageEffect.Reopen)]
    [InlineData(ConversationStatus.Solved, EndUserMessageEffect.Reopen)]
    [InlineData(ConversationStatus.Closed, EndUserMessageEffect.StartFollowUp)]
    public void End_user_message_effect_depends_on_status(ConversationStatus status, EndUserMessageEffect expected)
    {
        Assert.Equal(expected, ConversationStatusRules.OnEndUserMessage(status));
    }

    [Theory]
    [InlineData(ConversationStatus.New, ConversationStatus.Open)]
    [InlineData(ConversationStatus.Open, ConversationStatus.Open)]
    [InlineData(ConversationStatus.Pending, ConversationStatus.Pending)]
    [InlineData(ConversationStatus.OnHold, ConversationStatus.OnHold)]
    [InlineData(ConversationStatus.Solved, ConversationStatus.Solved)]
    [InlineData(ConversationStatus.Closed, ConversationStatus.Closed)]
    public void Agent_action_opens_only_a_new_conversation(ConversationStatus from, ConversationStatus expected)
    {
        Assert.Equal(expected, ConversationStatusRules.AfterAgentAction(from));
    }

    [Theory]
    [InlineData(ConversationStatus.New, ConversationStatus.Open)]
    [InlineData(ConversationStatus.New, ConversationStatus.Solved)]
    [InlineData(ConversationStatus.New, ConversationStatus.New)]
    [InlineData(ConversationStatus.Open, ConversationStatus.Pending)]
    [InlineData(ConversationStatus.Open, ConversationStatus.OnHold)]
    [InlineData(ConversationStatus.Open, ConversationStatus.Solved)]
    [InlineData(ConversationStatus.Pending, ConversationStatus.Open)]
    [InlineData(ConversationStatus.Pending, ConversationStatus.OnHold)]
    [InlineData(ConversationStatus.OnHold, ConversationStatus.Solved)]
    [InlineData(ConversationStatus.Solved, ConversationStatus.Open)]
    [InlineData(ConversationStatus.Solved, ConversationStatus.Pending)]
    public void Agent_may_move_between_open_pending_on_hold_and_solved(ConversationStatus from, ConversationStatus to)
    {
        var problem = Record.Exception(() => ConversationStatusRules.EnsureAgentMayChange(from, to));

        Assert.Null(problem);
    }

    [Theory]
    [InlineData(ConversationStatus.Closed, ConversationStatus.Open)]
    [InlineData(ConversationStatus.Closed, ConversationStatus.Solved)]
    [InlineData(ConversationStatus.Closed, ConversationStatus.New)]
    [InlineData(ConversationStatus.Closed, ConversationStatus.Closed)]
    public void Closed_conversation_cannot_change(ConversationStatus from, ConversationStatus to)
    {
        var problem = Assert.Throws<ParleyProblem>(() => ConversationStatusRules.EnsureAgentMayChange(from, to));

        Assert.Equal(ProblemKind.Conflict, problem.Kind);
        Assert.Equal("conversation-closed", problem.Code);
    }

    [Theory]
    [InlineData(ConversationStatus.New)]
    [InlineData(ConversationStatus.Open)]
    [InlineData(ConversationStatus.Solved)]
    public void Agent_cannot_close_a_conversation(ConversationStatus from)
    {
        var problem = Assert.Throws<ParleyProblem>(() => ConversationStatusRules.EnsureAgentMayChange(from, ConversationStatus.Closed));

        Assert.Equal(ProblemKind.Validation, problem.Kind);
        Assert.Equal("validation", problem.Code);
        Assert.NotNull(problem.Errors);
        Assert.True(problem.Errors.ContainsKey("status"));
    }

    [Theory]
    [InlineData(ConversationStatus.Open)]
    [InlineData(ConversationStatus.Pending)]
    [InlineData(ConversationStatus.OnHold)]
    [InlineData(ConversationStatus.Solved)]
    public void Conversation_cannot_go_back_to_new(ConversationStatus from)
    {
        var problem = Assert.Throws<ParleyProblem>(() => ConversationStatusRules.EnsureAgentMayChange(from, ConversationStatus.New));

        Assert.Equal(ProblemKind.Validation, problem.Kind);
        Assert.Equal("validation", problem.Code);
        Assert.NotNull(problem.Errors);
        Assert.True(problem.Errors.ContainsKey("status"));
    }

    [Fact]
    public void Solving_records_the_solved_time()
    {
        var c = new Conversation { Status = ConversationStatus.Open };

        ConversationStatusRules.Apply(c, ConversationStatus.Solved, Now);

        Assert.Equal(ConversationStatus.Solved, c.Status);
        Assert.Equal(Now, c.SolvedAt);
        Assert.Null(c.ClosedAt);
    }

    [Fact]
    public void Closing_keeps_the_solved_time_and_records_the_closed_time()
    {
        var solvedAt = Now.AddDays(-4);
        var c = new Conversation { Status = ConversationStatus.Solved, SolvedAt = solvedAt };

        ConversationStatusRules.Apply(c, ConversationStatus.Closed, Now);

        Assert.Equal(ConversationStatus.Closed, c.Status);
        Assert.Equal(solvedAt, c.SolvedAt);
        Assert.Equal(Now, c.ClosedAt);
    }

    [Theory]
    [InlineData(ConversationStatus.Open)]
    [InlineData(ConversationStatus.Pending)]
    [InlineData(ConversationStatus.OnHold)]
    public void Reopening_a_solved_conversation_forgets_the_solved_time(ConversationStatus to)
    {
        var c = new Conversation { Status = ConversationStatus.Solved, SolvedAt = Now.AddDays(-1) };

        ConversationStatusRules.Apply(c, to, Now);

        Assert.Equal(to, c.Status);
        Assert.Null(c.SolvedAt);
        Assert.Null(c.ClosedAt);
    }

    [Fact]
    public void Applying_the_current_status_changes_nothing()
    {
        var solvedAt = Now.AddDays(-2);
        var c = new Conversation { Status = ConversationStatus.Solved, SolvedAt = solvedAt };

        ConversationStatusRules.Apply(c, ConversationStatus.Solved, Now);

        Assert.Equal(solvedAt, c.SolvedAt);
    }

    [Theory]
    [InlineData(4, -1, false)]
    [InlineData(4, 0, true)]
    [InlineData(4, 1, true)]
    [InlineData(1, -1, false)]
    [InlineData(1, 0, true)]
    [InlineData(28, -1, false)]
    [InlineData(28, 0, true)]
    public void Solved_conversation_is_due_to_close_once_the_configured_days_have_passed(int days, int minutesFromDue, bool due)
    {
        var solvedAt = Now.AddDays(-days).AddMinutes(-minutesFromDue);
        var c = new Conversation { Status = ConversationStatus.Solved, SolvedAt = solvedAt };

        Assert.Equal(due, ConversationStatusRules.IsDueToClose(c, Now, days));
    }

    [Theory]
    [InlineData(ConversationStatus.Open)]
    [InlineData(ConversationStatus.Pending)]
    [InlineData(ConversationStatus.Closed)]
    public void Only_a_solved_conversation_is_due_to_close(ConversationStatus status)
    {
        var c = new Conversation { Status = status, SolvedAt = Now.AddDays(-30) };

        Assert.False(ConversationStatusRules.IsDueToClose(c, Now, 4));
    }

    [Fact]
    public void Solved_conversation_without_a_solved_time_is_not_due_to_close()
    {
        var c = new Conversation { Status = ConversationStatus.Solved, SolvedAt = null };

        Assert.False(ConversationStatusRules.IsDueToClose(c, Now, 4));
    }
}
