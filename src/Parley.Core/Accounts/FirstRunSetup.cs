using Microsoft.EntityFrameworkCore;
using Parley.Core.Conversations;
using Parley.Core.Data;
using Parley.Core.EndUsers;

namespace Parley.Core.Accounts;

/// <summary>Credentials created on first start; the passwords are shown once and never stored in clear.</summary>
public sealed record FirstRunCredentials(string AdminEmail, string AdminPassword, string? AgentEmail, string? AgentPassword);

/// <summary>
/// On first start with an empty database: the settings row, an admin with a generated password and,
/// when demo data is wanted, an agent and a conversation to look at. On every start: Parley's default
/// triggers the account has not had yet.
/// </summary>
public sealed class FirstRunSetup(AppDbContext db, AgentDirectory agents, ConversationService conversations, TimeProvider clock)
{
    public const string AdminEmail = "admin@parley.local";
    public const string AgentEmail = "agent@parley.local";
    public const string DemoSupportAddress = "support@parley.local";

    /// <summary>Returns the new credentials, or null when the database already had agents.</summary>
    public async Task<FirstRunCredentials?> RunAsync(bool withDemoData, CancellationToken ct)
    {
        if (!await db.Settings.AnyAsync(ct))
        {
            db.Settings.Add(new AccountSettings { UpdatedAt = clock.GetUtcNow(), BusinessName = withDemoData ? "Parley Demo Shop" : "Parley", LinkSigningKey = Continuity.SignedLinks.NewKey() });
            await db.SaveChangesAsync(ct);
        }
        await Triggers.DefaultTriggers.EnsureAsync(db, clock, ct);
        if (await db.Agents.AnyAsync(ct))
        {
            return null;
        }
        var (admin, adminPassword) = await agents.CreateAsync(new NewAgent("Ada Admin", AdminEmail, null, AgentRole.Admin), ct);
        if (!withDemoData)
        {
            return new FirstRunCredentials(admin.Email, adminPassword!, null, null);
        }
        var (agent, agentPassword) = await agents.CreateAsync(new NewAgent("Sam Support", AgentEmail, null), ct);
        await CreateDemoConversationAsync(agent, ct);
        // Continuation emails can be tried at once: they land in the development mailbox.
        db.SupportAddresses.Add(new Email.SupportAddress
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()), Address = DemoSupportAddress, DisplayName = "Parley Demo Shop", IsDefault = true,
            Route = Email.OutboundRoute.DevelopmentMailbox, CreatedAt = clock.GetUtcNow(), UpdatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        return new FirstRunCredentials(admin.Email, adminPassword!, agent.Email, agentPassword);
    }

    private async Task CreateDemoConversationAsync(AgentView agent, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var visitor = new EndUser { Id = Guid.CreateVersion7(now), Name = "Jamie Rivera", Language = "en", CreatedAt = now, LastSeenAt = now };
        db.EndUsers.Add(visitor);
        await db.SaveChangesAsync(ct);
        var started = await conversations.StartAsync(visitor.Id,
            new EndUserMessageInput("Hi! My order #1234 hasn't arrived yet. Can you check where it is?", "demo-1", PageUrl: "http://localhost/demo/orders"), ct);
        var sam = new AgentActor(agent.Id, agent.Name, agent.Role, agent.ChatAccess);
        await conversations.PostFromAgentAsync(sam, started.Conversation.Id,
            new AgentMessageInput("Customer ordered on Monday; carrier shows a delay.", "demo-2", IsInternalNote: true), ct);
        await conversations.PostFromAgentAsync(sam, started.Conversation.Id,
            new AgentMessageInput("Hi Jamie, thanks for waiting! Your parcel is with the carrier and should arrive tomorrow.", "demo-3"), ct);
    }
}
