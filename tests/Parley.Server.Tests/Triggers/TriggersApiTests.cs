using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Accounts;
using Parley.Core.Conversations;
using Parley.Core.Triggers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Triggers;

/// <summary>Triggers through the REST API and the engine, over the real app: admins change them, events set them off.</summary>
public abstract class TriggersApiTests(ParleyApp app)
{
    /// <summary>Other tests share the database, so each trigger here answers only messages with its own token.</summary>
    private static object Definition(string token, object[] actions, bool active = true, string runOn = "conversationRequested") => new
    {
        name = "Test " + token,
        runOn,
        match = "all",
        conditions = new[] { new { field = "messageText", @operator = "contains", value = token } },
        actions,
        isActive = active,
    };

    private static object Say(string text) => new { type = "sendMessage", text };

    private static string Token() => "tok" + Guid.NewGuid().ToString("N")[..10];

    private static async Task<TriggerView> CreateAsync(AgentClient admin, object definition) =>
        await Expect.JsonAsync<TriggerView>(await admin.Client.PostAsJsonAsync("/api/v1/triggers", definition, ParleyApp.Json), HttpStatusCode.Created);

    private static async Task<IReadOnlyList<string>> TriggerMessagesAsync(Visitor visitor, Guid conversationId) =>
        [.. (await visitor.HistoryAsync(conversationId)).Where(m => m.AuthorKind == MessageAuthorKind.Trigger).Select(m => m.Text)];

    [Fact]
    public async Task An_admins_trigger_answers_the_visitor_live_and_in_the_history()
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        var token = Token();
        await CreateAsync(admin, Definition(token, [Say("Thanks, {{ account.name }} will be with you shortly.")]));
        var visitor = await app.NewVisitorAsync();
        var started = await visitor.StartConversationAsync("Hello " + token);
        await using var stream = await visitor.OpenStreamAsync(started.Conversation.Id, lastEventId: 1);

        await app.RunTriggersAsync();

        var live = await stream.NextMatchingAsync(e => e.Type == "message");
        var settings = await app.StoredSettingsAsync();
        Assert.Equal($"Thanks, {settings.BusinessName} will be with you shortly.", live.As<Parley.Server.Widget.MessengerMessage>().Text);
        Assert.Equal([$"Thanks, {settings.BusinessName} will be with you shortly."], await TriggerMessagesAsync(visitor, started.Conversation.Id));
    }

    [Fact]
    public async Task A_wait_ends_when_the_clock_gets_there_unless_an_agent_answered()
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        var token = Token();
        await CreateAsync(admin, Definition(token, [new { type = "wait", seconds = 60 }, Say("Sorry for the wait " + token)]));
        var visitor = await app.NewVisitorAsync();
        var waiting = await visitor.StartConversationAsync("First " + token);
        var answered = await visitor.StartConversationAsync("Second " + token);
        await app.RunTriggersAsync();

        await admin.ReplyAsync(answered.Conversation.Id, "Hi, I'm here.");
        app.Clock.Advance(TimeSpan.FromSeconds(60));
        await app.RunTriggersAsync();

        Assert.Equal(["Sorry for the wait " + token], await TriggerMessagesAsync(visitor, waiting.Conversation.Id));
        Assert.Empty(await TriggerMessagesAsync(visitor, answered.Conversation.Id));
    }

    [Fact]
    public async Task Two_servers_running_the_engine_at_once_send_each_message_once()
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        var token = Token();
        await CreateAsync(admin, Definition(token, [Say("one " + token), Say("two " + token)]));
        var visitor = await app.NewVisitorAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await visitor.StartConversationAsync($"Hi {i} {token}")).Conversation.Id);
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(app.RunTriggersAsync)));
        await app.RunTriggersAsync();

        foreach (var id in ids)
        {
            Assert.Equal(["one " + token, "two " + token], await TriggerMessagesAsync(visitor, id));
        }
    }

    [Fact]
    public async Task A_bad_trigger_is_refused_field_by_field_and_nothing_is_saved()
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        var before = (await admin.Client.GetFromJsonAsync<List<TriggerView>>("/api/v1/triggers", ParleyApp.Json))!.Count;

        var problem = await Expect.ProblemAsync(await admin.Client.PostAsJsonAsync("/api/v1/triggers", new
        {
            name = "",
            runOn = "conversationRequested",
            match = "all",
            conditions = new[] { new { field = "hourOfDay", @operator = "is", value = "24" } },
            actions = new object[] { new { type = "sendMessage", text = "{{ unclosed" } },
        }, ParleyApp.Json), HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("conditions[0].value", out _));
        Assert.True(errors.TryGetProperty("actions[0].text", out _));
        Assert.Equal(before, (await admin.Client.GetFromJsonAsync<List<TriggerView>>("/api/v1/triggers", ParleyApp.Json))!.Count);
    }

    [Fact]
    public async Task Agents_read_triggers_but_only_admins_change_them()
    {
        var agent = await app.SignInNewAgentAsync();
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        var trigger = await CreateAsync(admin, Definition(Token(), [Say("x")], active: false));

        await Expect.StatusAsync(await agent.Client.GetAsync($"/api/v1/triggers/{trigger.Id}"), HttpStatusCode.OK);
        await Expect.StatusAsync(await agent.Client.PostAsJsonAsync("/api/v1/triggers", Definition(Token(), [Say("x")]), ParleyApp.Json), HttpStatusCode.Forbidden);
        await Expect.StatusAsync(await agent.Client.PutAsJsonAsync($"/api/v1/triggers/{trigger.Id}/active", new { active = true }, ParleyApp.Json), HttpStatusCode.Forbidden);
        await Expect.StatusAsync(await agent.Client.DeleteAsync($"/api/v1/triggers/{trigger.Id}"), HttpStatusCode.Forbidden);
        Assert.False((await admin.Client.GetFromJsonAsync<TriggerView>($"/api/v1/triggers/{trigger.Id}", ParleyApp.Json))!.IsActive);
    }

    [Fact]
    public async Task Admins_edit_activate_order_clone_and_delete_and_a_stale_edit_is_refused()
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        var token = Token();
        var trigger = await CreateAsync(admin, Definition(token, [Say("v1")], active: false));

        var edited = await Expect.JsonAsync<TriggerView>(await admin.Client.PutAsJsonAsync($"/api/v1/triggers/{trigger.Id}", new
        {
            name = "Renamed", runOn = "customerMessage", match = "any", conditions = Array.Empty<object>(), actions = new[] { Say("v2") }, version = trigger.Version,
        }, ParleyApp.Json), HttpStatusCode.OK);
        Assert.Equal(("Renamed", TriggerEvent.CustomerMessage, ConditionMatch.Any), (edited.Name, edited.RunOn, edited.Match));
        await Expect.ProblemAsync(await admin.Client.PutAsJsonAsync($"/api/v1/triggers/{trigger.Id}", new
        {
            name = "Stale", runOn = "customerMessage", match = "any", actions = new[] { Say("v3") }, version = trigger.Version,
        }, ParleyApp.Json), HttpStatusCode.Conflict, "trigger-changed");

        var active = await Expect.JsonAsync<TriggerView>(await admin.Client.PutAsJsonAsync($"/api/v1/triggers/{trigger.Id}/active", new { active = true }, ParleyApp.Json), HttpStatusCode.OK);
        Assert.True(active.IsActive);
        var order = await Expect.JsonAsync<List<TriggerView>>(await admin.Client.PutAsJsonAsync($"/api/v1/triggers/{trigger.Id}/position", new { index = 0 }, ParleyApp.Json), HttpStatusCode.OK);
        Assert.Equal(trigger.Id, order[0].Id);

        var copy = await Expect.JsonAsync<TriggerView>(await admin.Client.PostAsync($"/api/v1/triggers/{trigger.Id}/clone", null), HttpStatusCode.Created);
        Assert.Equal(("Copy of Renamed", false), (copy.Name, copy.IsActive));
        var list = (await admin.Client.GetFromJsonAsync<List<TriggerView>>("/api/v1/triggers", ParleyApp.Json))!;
        Assert.Equal(list.FindIndex(t => t.Id == trigger.Id) + 1, list.FindIndex(t => t.Id == copy.Id));

        await Expect.StatusAsync(await admin.Client.DeleteAsync($"/api/v1/triggers/{copy.Id}"), HttpStatusCode.NoContent);
        await Expect.StatusAsync(await admin.Client.DeleteAsync($"/api/v1/triggers/{trigger.Id}"), HttpStatusCode.NoContent);
        await Expect.StatusAsync(await admin.Client.GetAsync($"/api/v1/triggers/{trigger.Id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_shipped_triggers_are_there_and_inactive()
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);

        var defaults = (await admin.Client.GetFromJsonAsync<List<TriggerView>>("/api/v1/triggers", ParleyApp.Json))!.Where(t => t.DefaultKey is not null).ToList();

        Assert.Equal(DefaultTriggers.All.Select(d => d.Key).Order(StringComparer.Ordinal), defaults.Select(t => t.DefaultKey!).Order(StringComparer.Ordinal));
        Assert.All(defaults, t => Assert.False(t.IsActive));
    }

    [Fact]
    public async Task Tags_set_by_a_trigger_are_stored_on_the_conversation()
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        var token = Token();
        await CreateAsync(admin, Definition(token, [new { type = "addTags", tags = new[] { "VIP", "Sales" } }]));
        var visitor = await app.NewVisitorAsync();
        var started = await visitor.StartConversationAsync("Hi " + token);

        await app.RunTriggersAsync();

        var stored = await app.InScopeAsync(sp => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            sp.GetRequiredService<Parley.Core.Data.AppDbContext>().Conversations, c => c.Id == started.Conversation.Id));
        Assert.Equal(["sales", "vip"], stored.Tags);
    }
}

public sealed class TriggersApiTests_Sqlite(SqliteApp app) : TriggersApiTests(app), IClassFixture<SqliteApp>;

public sealed class TriggersApiTests_Postgres(PostgresApp app) : TriggersApiTests(app), IClassFixture<PostgresApp>;
