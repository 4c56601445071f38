using Microsoft.EntityFrameworkCore;
using Parley.Core.Data;
using Parley.Core.Security;

namespace Parley.Core.Accounts;

public sealed record ApiTokenView(Guid Id, string Name, string Prefix, Guid AgentId, ApiScopes Scopes, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public static ApiTokenView From(ApiToken t) => new(t.Id, t.Name, t.Prefix, t.AgentId, t.Scopes, t.CreatedAt, t.LastUsedAt, t.RevokedAt);
}

/// <summary>API tokens for integrations: created by admins, shown once, stored hashed, revocable.</summary>
public sealed class ApiTokens(AppDbContext db, TimeProvider clock)
{
    public const string SecretPrefix = "pat_";

    public async Task<(ApiTokenView Token, string Secret)> CreateAsync(Guid ownerAgentId, string? name, ApiScopes scopes, CancellationToken ct)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            throw ParleyProblem.Invalid("name", "A name of 1 to 200 characters is required.");
        }
        if (scopes == ApiScopes.None || (scopes & ~(ApiScopes.Read | ApiScopes.Write | ApiScopes.Admin)) != 0)
        {
            throw ParleyProblem.Invalid("scopes", "Choose one or more of: read, write, admin.");
        }
        // Writing and administering both need to read what they change.
        if (scopes != ApiScopes.None)
        {
            scopes |= ApiScopes.Read;
        }
        var owner = await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.Id == ownerAgentId && a.IsActive, ct)
            ?? throw ParleyProblem.Invalid("agentId", "No active agent has this id.");
        if (scopes.HasFlag(ApiScopes.Admin) && owner.Role != AgentRole.Admin)
        {
            throw ParleyProblem.Invalid("scopes", "Only a token owned by an admin can have the admin scope.");
        }
        var secret = SecretTokens.Create(SecretPrefix);
        var now = clock.GetUtcNow();
        var token = new ApiToken
        {
            Id = Guid.CreateVersion7(now),
            Name = name,
            TokenHash = SecretTokens.Hash(secret),
            Prefix = secret[..12],
            AgentId = owner.Id,
            Scopes = scopes,
            CreatedAt = now,
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return (ApiTokenView.From(token), secret);
    }

    /// <summary>The token and its active owner for a presented secret, or null when it is unknown or revoked.</summary>
    public async Task<(ApiToken Token, Agent Agent)?> AuthenticateAsync(string secret, CancellationToken ct)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }
        var hash = SecretTokens.Hash(secret);
        var row = await db.ApiTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.RevokedAt == null)
            .Join(db.Agents.Where(a => a.IsActive), t => t.AgentId, a => a.Id, (t, a) => new { t, a })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        // Recording every use would add a write to every API call; once a minute is enough to see which tokens are alive.
        if (row.t.LastUsedAt is null || row.t.LastUsedAt < now.AddMinutes(-1))
        {
            await db.ApiTokens.Where(t => t.Id == row.t.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.LastUsedAt, now), ct);
        }
        return (row.t, row.a);
    }

    public async Task<IReadOnlyList<ApiTokenView>> ListAsync(CancellationToken ct) =>
        [.. (await db.ApiTokens.AsNoTracking().OrderByDescending(t => t.CreatedAt).ToListAsync(ct)).Select(ApiTokenView.From)];

    public async Task RevokeAsync(Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var changed = await db.ApiTokens.Where(t => t.Id == id && t.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, now), ct);
        if (changed == 0 && !await db.ApiTokens.AnyAsync(t => t.Id == id, ct))
        {
            throw ParleyProblem.NotFound("api-token");
        }
    }
}
