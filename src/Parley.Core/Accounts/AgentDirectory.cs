using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Core.Data;
using Parley.Core.Events;
using Parley.Core.Security;

namespace Parley.Core.Accounts;

public sealed record AgentView(Guid Id, string Name, string Email, AgentRole Role, bool ChatAccess, AgentStatus Status, bool IsActive, DateTimeOffset CreatedAt)
{
    public static AgentView From(Agent a) => new(a.Id, a.Name, a.Email, a.Role, a.ChatAccess, a.Status, a.IsActive, a.CreatedAt);
}

public sealed record NewAgent(string? Name, string? Email, string? Password, AgentRole Role = AgentRole.Agent, bool ChatAccess = true);

public sealed record AgentChanges(string? Name = null, AgentRole? Role = null, bool? ChatAccess = null, bool? IsActive = null);

/// <summary>The team: creating, changing and deactivating agents, and each agent's own status.</summary>
public sealed class AgentDirectory(
    AppDbContext db, PasswordHasher hasher, IEventPublisher events, TimeProvider clock, IOptions<SignInOptions> signIn, AccountAvailability availability)
{
    public async Task<IReadOnlyList<AgentView>> ListAsync(CancellationToken ct) =>
        [.. (await db.Agents.AsNoTracking().OrderBy(a => a.Name).ToListAsync(ct)).Select(AgentView.From)];

    public async Task<Agent?> FindActiveAsync(Guid id, CancellationToken ct) =>
        await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.IsActive, ct);

    /// <summary>Creates an agent. Without a password, one is generated and returned once.</summary>
    public async Task<(AgentView Agent, string? GeneratedPassword)> CreateAsync(NewAgent input, CancellationToken ct)
    {
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            throw ParleyProblem.Invalid("name", "A name of 1 to 200 characters is required.");
        }
        var email = input.Email?.Trim() ?? "";
        if (email.Length is 0 or > 320 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            throw ParleyProblem.Invalid("email", "A valid email address is required.");
        }
        var generated = input.Password is null ? PasswordHasher.Generate() : null;
        var password = input.Password ?? generated!;
        if (password.Length < signIn.Value.MinPasswordLength || password.Length > 1024)
        {
            throw ParleyProblem.Invalid("password", $"A password must be at least {signIn.Value.MinPasswordLength} characters long.");
        }
        var normalized = AgentSignIn.Normalize(email);
        if (await db.Agents.AnyAsync(a => a.NormalizedEmail == normalized, ct))
        {
            throw ParleyProblem.Conflict("agent-email-taken", "An agent with this email already exists.");
        }
        var now = clock.GetUtcNow();
        var agent = new Agent
        {
            Id = Guid.CreateVersion7(now),
            Name = name,
            Email = email,
            NormalizedEmail = normalized,
            PasswordHash = hasher.Hash(password),
            Role = input.Role,
            ChatAccess = input.ChatAccess,
            CreatedAt = now,
            SecurityStamp = Guid.NewGuid(),
        };
        db.Agents.Add(agent);
        await db.SaveChangesAsync(ct);
        return (AgentView.From(agent), generated);
    }

    /// <summary>Changes role, chat access or active state; the account always keeps one active admin.</summary>
    public async Task<AgentView> UpdateAsync(Guid id, AgentChanges changes, CancellationToken ct)
    {
        var agent = await db.Agents.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw ParleyProblem.NotFound("agent");
        if (changes.Name is { } name)
        {
            name = name.Trim();
            if (name.Length is 0 or > 200)
            {
                throw ParleyProblem.Invalid("name", "A name of 1 to 200 characters is required.");
            }
            agent.Name = name;
        }
        var losesAdmin = agent.Role == AgentRole.Admin && agent.IsActive &&
            ((changes.Role is { } role && role != AgentRole.Admin) || changes.IsActive == false);
        if (losesAdmin && !await db.Agents.AnyAsync(a => a.Id != id && a.IsActive && a.Role == AgentRole.Admin, ct))
        {
            throw ParleyProblem.Conflict("last-admin", "The account needs at least one active admin.");
        }
        agent.Role = changes.Role ?? agent.Role;
        var movesStatus = (changes.ChatAccess is { } chat && chat != agent.ChatAccess) || (changes.IsActive is { } on && on != agent.IsActive);
        agent.ChatAccess = changes.ChatAccess ?? agent.ChatAccess;
        if (changes.IsActive is { } active && active != agent.IsActive)
        {
            agent.IsActive = active;
            // Deactivation signs the agent out everywhere and takes them off the account status.
            agent.SecurityStamp = Guid.NewGuid();
            agent.Status = AgentStatus.Offline;
        }
        await db.SaveChangesAsync(ct);
        if (movesStatus)
        {
            await availability.AnnounceStatusAsync(ct);
        }
        return AgentView.From(agent);
    }

    /// <summary>The agent's own choice of status; choosing is also a sign of life (see <see cref="AgentPresence"/>).</summary>
    public async Task<AgentView> SetStatusAsync(Guid agentId, AgentStatus status, CancellationToken ct)
    {
        var agent = await db.Agents.FirstOrDefaultAsync(a => a.Id == agentId && a.IsActive, ct) ?? throw ParleyProblem.NotFound("agent");
        var changed = agent.Status != status;
        agent.Status = status;
        agent.LastSeenAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        if (changed)
        {
            events.Publish(new AgentStatusChanged(agent.Id, status));
        }
        // Also unchanged: an agent who was Online but not seen for a while counts again.
        await availability.AnnounceStatusAsync(ct);
        return AgentView.From(agent);
    }
}
