using Microsoft.EntityFrameworkCore;
using Parley.Core.Accounts;
using Parley.Core.Conversations;
using Parley.Core.Triggers;

namespace Parley.Core.Tests.Triggers;

public sealed class TriggerEngineTests : IAsyncLifetime
{
    private TestDatabase _t = null!;
    private Guid _endUser;

    public async Task InitializeAsync()
    {
        _t = await TestDatabase.CreateAsync();
        _endUser = await _t.AddEndUserAsync();
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private static TriggerAction Say(string text) => new(ActionType.SendMessage, Text: text);

    private Task<TriggerView> TriggerAsync(string name, TriggerEvent on, IReadOnlyList<TriggerAction> actions,
        IReadOnlyList<TriggerCondition>? conditions = null, ConditionMatch match = ConditionMatch.All, bool active = true) =>
        _t.Triggers().CreateAsync(new TriggerDefinition(name, null, on, match, conditions ?? [], actions, active), default);

    private async Task<Guid> StartAsync(string text = "Hello, anyone there?") =>
        (await _t.Conversations().StartAsync(_endUser, new EndUserMessageInput(text, null), default)).Conversation.Id;

    /// <summary>Runs the engine as the worker does: until nothing is due (a conversation's next job waits for its earlier one).</summary>
    private async Task<int> RunAsync()
    {
        var total = 0;
        for (var round = 0; round < 10 && await _t.Engine().RunDueAsync(100, default) is var handled and > 0; round++)
        {
            total += handled;
        }
        return total;
    }

    private async Task<List<Message>> MessagesAsync(Guid conversationId)
    {
        await using var db = _t.NewContext();
        return await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId).OrderBy(m => m.Seq).ToListAsync();
    }

    private async Task<List<string>> TriggerTextsAsync(Guid conversationId) =>
        [.. (await MessagesAsync(conversationId)).Where(m => m.AuthorKind == MessageAuthorKind.Trigger).Select(m => m.Text)];

    [Fact]
    public async Task A_new_conversation_gets_the_first_reply_once_however_often_the_engine_runs()
    {
        await TriggerAsync("First reply", TriggerEvent.ConversationRequested, [Say("Thanks, someone will be with you shortly.")]);
        var conversation = await StartAsync();

        await RunAsync();
        await RunAsync();

        Assert.Equal(["Thanks, someone will be with you shortly."], await TriggerTextsAsync(conversation));
    }

    [Fact]
    public async Task Without_active_triggers_a_message_writes_no_trigger_work()
    {
        await TriggerAsync("Off", TriggerEvent.ConversationRequested, [Say("Never")], active: false);

        var conversation = await StartAsync();
        await _t.Conversations().PostFromEndUserAsync(_endUser, conversation, new EndUserMessageInput("More", null), default);

        await using var db = _t.NewContext();
        Assert.Equal(0, await db.TriggerJobs.CountAsync());
        Assert.Equal(0, await RunAsync());
    }

    [Fact]
    public async Task Triggers_run_in_their_order_and_moving_one_changes_it()
    {
        var first = await TriggerAsync("A", TriggerEvent.ConversationRequested, [Say("from A")]);
        var second = await TriggerAsync("B", TriggerEvent.ConversationRequested, [Say("from B")]);
        var before = await StartAsync();
        await RunAsync();

        await _t.Triggers().MoveAsync(second.Id, 0, default);
        var after = await StartAsync();
        await RunAsync();

        Assert.Equal(["from A", "from B"], await TriggerTextsAsync(before));
        Assert.Equal(["from B", "from A"], await TriggerTextsAsync(after));
        _ = first;
    }

    [Fact]
    public async Task A_trigger_runs_only_on_its_own_event()
    {
        await TriggerAsync("On message", TriggerEvent.CustomerMessage, [Say("You wrote again")]);
        var conversation = await StartAsync();
        await RunAsync();
        Assert.Empty(await TriggerTextsAsync(conversation));

        await _t.Conversations().PostFromEndUserAsync(_endUser, conversation, new EndUserMessageInput("Hello again", null), default);
        await RunAsync();

        Assert.Equal(["You wrote again"], await TriggerTextsAsync(conversation));
    }

    [Fact]
    public async Task A_triggers_own_message_never_sets_off_a_trigger()
    {
        // Each would answer the other forever if trigger messages counted as events.
        await TriggerAsync("Greeter", TriggerEvent.ConversationRequested, [Say("Hi!")]);
        await TriggerAsync("Echo", TriggerEvent.CustomerMessage, [Say("Echo")]);
        var conversation = await StartAsync();

        for (var i = 0; i < 3; i++)
        {
            await RunAsync();
        }

        Assert.Equal(["Hi!"], await TriggerTextsAsync(conversation));
    }

    [Fact]
    public async Task All_conditions_must_hold_or_any_one_as_the_trigger_says()
    {
        TriggerCondition[] conditions =
        [
            new(ConditionField.MessageText, ConditionOperator.Contains, "refund"),
            new(ConditionField.CustomerEmailPresent, ConditionOperator.Is, "yes"),
        ];
        await TriggerAsync("All", TriggerEvent.ConversationRequested, [Say("all")], conditions, ConditionMatch.All);
        await TriggerAsync("Any", TriggerEvent.ConversationRequested, [Say("any")], conditions, ConditionMatch.Any);

        var conversation = await StartAsync("I would like a refund please");
        await RunAsync();

        Assert.Equal(["any"], await TriggerTextsAsync(conversation));
    }

    [Fact]
    public async Task After_a_wait_the_rest_runs_when_the_time_has_come()
    {
        await TriggerAsync("Later", TriggerEvent.ConversationRequested, [new TriggerAction(ActionType.Wait, Seconds: 30), Say("Still there?")]);
        var conversation = await StartAsync();

        await RunAsync();
        _t.Clock.Advance(TimeSpan.FromSeconds(29));
        await RunAsync();
        Assert.Empty(await TriggerTextsAsync(conversation));
        Assert.Equal(_t.Clock.GetUtcNow().AddSeconds(1), await _t.Engine().NextWaitEndsAsync(default));

        _t.Clock.Advance(TimeSpan.FromSeconds(1));
        await RunAsync();

        Assert.Equal(["Still there?"], await TriggerTextsAsync(conversation));
    }

    [Fact]
    public async Task An_agent_reply_during_the_wait_cancels_the_rest()
    {
        await TriggerAsync("Later", TriggerEvent.ConversationRequested, [new TriggerAction(ActionType.Wait, Seconds: 30), Say("Still there?")]);
        var conversation = await StartAsync();
        await RunAsync();

        var agent = await _t.AddAgentAsync();
        await _t.Conversations().PostFromAgentAsync(agent, conversation, new AgentMessageInput("Hi, I am here", null), default);
        _t.Clock.Advance(TimeSpan.FromSeconds(30));
        await RunAsync();

        Assert.Empty(await TriggerTextsAsync(conversation));
        await using var db = _t.NewContext();
        Assert.Equal(TriggerRunOutcome.AgentReplied, (await db.TriggerRuns.SingleAsync()).Outcome);
    }

    [Fact]
    public async Task An_internal_note_during_the_wait_does_not_cancel_it()
    {
        await TriggerAsync("Later", TriggerEvent.ConversationRequested, [new TriggerAction(ActionType.Wait, Seconds: 30), Say("Still there?")]);
        var conversation = await StartAsync();
        await RunAsync();

        var agent = await _t.AddAgentAsync();
        await _t.Conversations().PostFromAgentAsync(agent, conversation, new AgentMessageInput("Checking stock first", null, IsInternalNote: true), default);
        _t.Clock.Advance(TimeSpan.FromSeconds(30));
        await RunAsync();

        Assert.Equal(["Still there?"], await TriggerTextsAsync(conversation));
    }

    [Fact]
    public async Task A_conversation_closed_during_the_wait_gets_nothing_more()
    {
        await TriggerAsync("Later", TriggerEvent.ConversationRequested, [new TriggerAction(ActionType.Wait, Seconds: 30), Say("Still there?")]);
        var conversation = await StartAsync();
        await RunAsync();

        await _t.SetStatusAsync(conversation, ConversationStatus.Closed);
        _t.Clock.Advance(TimeSpan.FromSeconds(30));
        await RunAsync();

        Assert.Empty(await TriggerTextsAsync(conversation));
    }

    [Fact]
    public async Task A_wait_survives_a_restart_and_ends_once()
    {
        await TriggerAsync("Later", TriggerEvent.ConversationRequested, [new TriggerAction(ActionType.Wait, Seconds: 30), Say("Still there?")]);
        var conversation = await StartAsync();
        await RunAsync();

        // A new process: a fresh database context and an empty trigger catalog.
        _t.Catalog.Invalidate();
        _t.Db.ChangeTracker.Clear();
        _t.Clock.Advance(TimeSpan.FromSeconds(31));
        await RunAsync();
        await RunAsync();

        Assert.Equal(["Still there?"], await TriggerTextsAsync(conversation));
    }

    [Fact]
    public async Task A_job_retried_after_a_crash_sends_no_message_twice_and_matches_no_trigger_again()
    {
        await TriggerAsync("Two steps", TriggerEvent.ConversationRequested, [Say("one"), Say("two")]);
        var conversation = await StartAsync();
        await RunAsync();

        // As if the server died after sending both messages but before recording any progress.
        await using (var db = _t.NewContext())
        {
            await db.TriggerRuns.ExecuteUpdateAsync(u => u.SetProperty(r => r.NextAction, 0).SetProperty(r => r.CompletedAt, (DateTimeOffset?)null).SetProperty(r => r.Outcome, (TriggerRunOutcome?)null));
            await db.TriggerJobs.ExecuteUpdateAsync(u => u.SetProperty(j => j.CompletedAt, (DateTimeOffset?)null));
        }
        _t.Clock.Advance(TriggerEngine.Lease + TimeSpan.FromSeconds(1));
        await RunAsync();

        Assert.Equal(["one", "two"], await TriggerTextsAsync(conversation));
        await using var check = _t.NewContext();
        Assert.Equal(1, await check.TriggerRuns.CountAsync());
    }

    [Fact]
    public async Task A_claimed_job_is_left_to_its_server_until_the_lease_ends()
    {
        await TriggerAsync("First reply", TriggerEvent.ConversationRequested, [Say("Hello")]);
        var conversation = await StartAsync();
        await using (var db = _t.NewContext())
        {
            var lease = _t.Clock.GetUtcNow() + TriggerEngine.Lease;
            await db.TriggerJobs.ExecuteUpdateAsync(u => u.SetProperty(j => j.ClaimedUntil, lease));
        }

        Assert.Equal(0, await RunAsync());
        _t.Clock.Advance(TriggerEngine.Lease + TimeSpan.FromSeconds(1));
        await RunAsync();

        Assert.Equal(["Hello"], await TriggerTextsAsync(conversation));
    }

    [Fact]
    public async Task A_conversations_later_event_waits_while_another_server_holds_its_earlier_one()
    {
        await TriggerAsync("On message", TriggerEvent.CustomerMessage, [Say("got it")]);
        var conversation = await StartAsync();
        await _t.Conversations().PostFromEndUserAsync(_endUser, conversation, new EndUserMessageInput("first", null), default);
        await _t.Conversations().PostFromEndUserAsync(_endUser, conversation, new EndUserMessageInput("second", null), default);
        await using (var db = _t.NewContext())
        {
            var earliest = await db.TriggerJobs.MinAsync(j => j.Id);
            var lease = _t.Clock.GetUtcNow() + TriggerEngine.Lease;
            await db.TriggerJobs.Where(j => j.Id == earliest).ExecuteUpdateAsync(u => u.SetProperty(j => j.ClaimedUntil, lease));
        }

        Assert.Equal(0, await RunAsync());
        Assert.Empty(await TriggerTextsAsync(conversation));

        _t.Clock.Advance(TriggerEngine.Lease + TimeSpan.FromSeconds(1));
        await RunAsync();
        Assert.Equal(["got it", "got it"], await TriggerTextsAsync(conversation));
    }

    [Fact]
    public async Task Request_email_shows_the_form_without_an_address_and_a_confirmation_with_one()
    {
        await TriggerAsync("Ask", TriggerEvent.ConversationRequested, [new TriggerAction(ActionType.RequestEmail)]);
        var anonymous = await StartAsync();
        await RunAsync();
        await new Parley.Core.EndUsers.EndUserProfiles(_t.Db, _t.Events).SetEmailAsync(_endUser, "jo@example.com", default);
        var known = await StartAsync();
        await RunAsync();

        var form = (await MessagesAsync(anonymous)).Single(m => m.AuthorKind == MessageAuthorKind.Trigger);
        Assert.Equal(MessagePrompts.Email, form.Prompt);
        Assert.Equal(TriggerTexts.For(TriggerTexts.RequestEmail, "en"), form.Text);
        var confirmation = (await MessagesAsync(known)).Single(m => m.AuthorKind == MessageAuthorKind.Trigger);
        Assert.Null(confirmation.Prompt);
        Assert.Equal("Thanks! We'll email you at jo@example.com when we reply.", confirmation.Text);
    }

    [Fact]
    public async Task Tags_an_earlier_trigger_adds_are_seen_by_a_later_one_of_the_same_event()
    {
        await TriggerAsync("Tag it", TriggerEvent.ConversationRequested, [new TriggerAction(ActionType.AddTags, Tags: ["vip", "sales"])]);
        await TriggerAsync("For VIPs", TriggerEvent.ConversationRequested, [Say("Welcome back!")],
            [new TriggerCondition(ConditionField.Tags, ConditionOperator.IncludesAll, "vip")]);
        await TriggerAsync("Untag", TriggerEvent.ConversationRequested, [new TriggerAction(ActionType.RemoveTags, Tags: ["sales"])]);
        var conversation = await StartAsync();

        await RunAsync();

        Assert.Equal(["Welcome back!"], await TriggerTextsAsync(conversation));
        Assert.Equal(["vip"], (await _t.ReadConversationAsync(conversation)).Tags);
    }

    [Fact]
    public async Task Message_text_fills_in_the_customer_and_the_account()
    {
        await using (var db = _t.NewContext())
        {
            db.Settings.Add(new AccountSettings { BusinessName = "Lumen Coffee", UpdatedAt = _t.Clock.GetUtcNow() });
            await db.EndUsers.Where(u => u.Id == _endUser).ExecuteUpdateAsync(u => u.SetProperty(e => e.Name, "Jo Park"));
            await db.SaveChangesAsync();
        }
        await TriggerAsync("Hello", TriggerEvent.ConversationRequested, [Say("Hi {{ customer.first_name }}, welcome to {{ account.name }} (#{{ conversation.number }}).")]);
        var conversation = await StartAsync();

        await RunAsync();

        Assert.Equal(["Hi Jo, welcome to Lumen Coffee (#1)."], await TriggerTextsAsync(conversation));
    }

    [Fact]
    public async Task A_preset_text_speaks_the_customers_language()
    {
        await using (var db = _t.NewContext())
        {
            await db.EndUsers.Where(u => u.Id == _endUser).ExecuteUpdateAsync(u => u.SetProperty(e => e.Language, "ko-KR"));
        }
        await TriggerAsync("First reply", TriggerEvent.ConversationRequested, [new TriggerAction(ActionType.SendMessage, Preset: TriggerTexts.FirstReply)]);
        var conversation = await StartAsync();

        await RunAsync();

        Assert.Equal([TriggerTexts.For(TriggerTexts.FirstReply, "ko")], await TriggerTextsAsync(conversation));
        Assert.NotEqual(TriggerTexts.For(TriggerTexts.FirstReply, "ko"), TriggerTexts.For(TriggerTexts.FirstReply, "en"));
    }

    [Fact]
    public async Task Assigning_and_unassigning_set_off_their_events_with_an_agent_as_sender()
    {
        await TriggerAsync("Assigned", TriggerEvent.Assigned, [Say("{{ agent.name }} is looking at this now.")]);
        await TriggerAsync("Back in queue", TriggerEvent.AddedToQueue, [Say("Back in the queue")],
            [new TriggerCondition(ConditionField.SenderType, ConditionOperator.Is, "agent")]);
        var agent = await _t.AddAgentAsync("Mina Park");
        var conversation = await StartAsync();
        await RunAsync();

        await _t.Commands().AssignAsync(agent, conversation, agent.AgentId, default);
        await RunAsync();
        await _t.Commands().AssignAsync(agent, conversation, null, default);
        await RunAsync();

        Assert.Equal(["Mina Park is looking at this now.", "Back in the queue"], await TriggerTextsAsync(conversation));
    }

    [Fact]
    public async Task A_solved_conversation_reopened_by_the_customer_joins_the_queue_again()
    {
        await TriggerAsync("Queued", TriggerEvent.AddedToQueue, [Say("queued")],
            [new TriggerCondition(ConditionField.SenderType, ConditionOperator.Is, "customer")]);
        var conversation = await StartAsync();
        await RunAsync();
        await _t.SetStatusAsync(conversation, ConversationStatus.Solved);

        await _t.Conversations().PostFromEndUserAsync(_endUser, conversation, new EndUserMessageInput("It broke again", null), default);
        await RunAsync();

        Assert.Equal(["queued", "queued"], await TriggerTextsAsync(conversation));
    }

    [Fact]
    public async Task A_deactivated_trigger_does_not_finish_its_wait()
    {
        var trigger = await TriggerAsync("Later", TriggerEvent.ConversationRequested, [new TriggerAction(ActionType.Wait, Seconds: 30), Say("Still there?")]);
        var conversation = await StartAsync();
        await RunAsync();

        await _t.Triggers().SetActiveAsync(trigger.Id, false, default);
        _t.Clock.Advance(TimeSpan.FromSeconds(30));
        await RunAsync();

        Assert.Empty(await TriggerTextsAsync(conversation));
    }

    [Fact]
    public async Task Finished_jobs_are_forgotten_after_a_day_but_not_while_a_wait_is_pending()
    {
        await TriggerAsync("Now", TriggerEvent.ConversationRequested, [Say("now")]);
        await TriggerAsync("Tomorrow", TriggerEvent.CustomerMessage, [new TriggerAction(ActionType.Wait, Seconds: 86_400), Say("a day later")]);
        var conversation = await StartAsync();
        await _t.Conversations().PostFromEndUserAsync(_endUser, conversation, new EndUserMessageInput("again", null), default);
        await RunAsync();

        _t.Clock.Advance(TimeSpan.FromHours(25));
        var engine = _t.Engine();
        await engine.ForgetFinishedAsync(default);

        await using var db = _t.NewContext();
        Assert.Equal(1, await db.TriggerJobs.CountAsync());
        Assert.Equal(1, await db.TriggerRuns.CountAsync());
    }
}
