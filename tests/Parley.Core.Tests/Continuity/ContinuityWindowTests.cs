using Parley.Core.Continuity;
using Parley.Core.Conversations;

namespace Parley.Core.Tests.Continuity;

public sealed class ContinuityWindowTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static Message AgentReply(DateTimeOffset at, bool note = false, bool doNotEmail = false) => new()
    {
        Text = "Hello", AuthorKind = MessageAuthorKind.Agent, AuthorAgentId = Guid.NewGuid(),
        IsInternalNote = note, DoNotEmail = doNotEmail, CreatedAt = at,
    };

    [Fact]
    public void Human_agent_reply_starts_a_window_at_its_time()
    {
        var c = new Conversation();

        ContinuityWindow.OnAgentMessage(c, AgentReply(Start));

        Assert.Equal(Start, c.ContinuityWindowStartedAt);
    }

    [Fact]
    public void Internal_note_does_not_start_a_window()
    {
        var c = new Conversation();

        ContinuityWindow.OnAgentMessage(c, AgentReply(Start, note: true));

        Assert.Null(c.ContinuityWindowStartedAt);
    }

    [Fact]
    public void Do_not_email_reply_does_not_start_a_window()
    {
        var c = new Conversation();

        ContinuityWindow.OnAgentMessage(c, AgentReply(Start, doNotEmail: true));

        Assert.Null(c.ContinuityWindowStartedAt);
    }

    [Theory]
    [InlineData(MessageAuthorKind.EndUser)]
    [InlineData(MessageAuthorKind.Trigger)]
    [InlineData(MessageAuthorKind.System)]
    public void Messages_not_written_by_an_agent_do_not_start_a_window(MessageAuthorKind kind)
    {
        var c = new Conversation();
        var message = new Message { Text = "Hi", AuthorKind = kind, CreatedAt = Start };

        ContinuityWindow.OnAgentMessage(c, message);

        Assert.False(ContinuityWindow.StartsWindow(message));
        Assert.Null(c.ContinuityWindowStartedAt);
    }

    [Fact]
    public void Later_agent_reply_does_not_move_the_window_start()
    {
        var c = new Conversation();
        ContinuityWindow.OnAgentMessage(c, AgentReply(Start));

        ContinuityWindow.OnAgentMessage(c, AgentReply(Start.AddMinutes(5)));

        Assert.Equal(Start, c.ContinuityWindowStartedAt);
    }

    [Fact]
    public void Reply_after_a_note_starts_the_window_at_the_reply()
    {
        var c = new Conversation();
        ContinuityWindow.OnAgentMessage(c, AgentReply(Start, note: true));

        ContinuityWindow.OnAgentMessage(c, AgentReply(Start.AddMinutes(2)));

        Assert.Equal(Start.AddMinutes(2), c.ContinuityWindowStartedAt);
    }

    [Fact]
    public void End_user_message_resets_the_window()
    {
        var c = new Conversation();
        ContinuityWindow.OnAgentMessage(c, AgentReply(Start));

        ContinuityWindow.OnEndUserMessage(c);

        Assert.Null(c.ContinuityWindowStartedAt);
    }

    [Fact]
    public void Agent_reply_after_an_end_user_message_starts_a_new_window()
    {
        var c = new Conversation();
        ContinuityWindow.OnAgentMessage(c, AgentReply(Start));
        ContinuityWindow.OnEndUserMessage(c);

        ContinuityWindow.OnAgentMessage(c, AgentReply(Start.AddMinutes(30)));

        Assert.Equal(Start.AddMinutes(30), c.ContinuityWindowStartedAt);
    }
}
