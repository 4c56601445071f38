using System.Linq.Expressions;
using Parley.Core.Conversations;

namespace Parley.Core.Continuity;

/// <summary>
/// Keeps the inactivity window's start on the conversation: it opens at the first human agent reply after
/// the end user's last message and closes when the end user is active again. What happens when a window
/// ends (the continuation email) builds on these two facts.
/// </summary>
public static class ContinuityWindow
{
    /// <summary>
    /// Only human agent replies that may be emailed start a window and go into an email; as an expression, so
    /// the sweep's query reads exactly these and the rule is written once.
    /// </summary>
    public static readonly Expression<Func<Message, bool>> Emailable =
        m => m.AuthorKind == MessageAuthorKind.Agent && !m.IsInternalNote && !m.DoNotEmail;

    private static readonly Func<Message, bool> IsEmailable = Emailable.Compile();

    public static bool StartsWindow(Message m) => IsEmailable(m);

    public static void OnAgentMessage(Conversation c, Message m)
    {
        if (StartsWindow(m) && c.ContinuityWindowStartedAt is null)
        {
            c.ContinuityWindowStartedAt = m.CreatedAt;
        }
    }

    /// <summary>An end-user message (messenger or email) resets the window.</summary>
    public static void OnEndUserMessage(Conversation c) => c.ContinuityWindowStartedAt = null;
}
