using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Continuity;
using Parley.Core.Conversations;
using Parley.Core.Data;
using Parley.Core.Email;
using Parley.Core.Email.Outbound;
using Parley.Core.EndUsers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Continuity;

/// <summary>Intent methods for continuity tests: set the feature up against the test's mail servers, run the email work as the worker would, read what was stored.</summary>
public static class ContinuityDriver
{
    public const string SupportAddress = "support@support.test";

    /// <summary>A default support address that sends through <paramref name="mail"/> (checked), and continuous conversations on.</summary>
    public static async Task EnableContinuityAsync(this ParleyApp app, MailServers mail, int windowMinutes = 10)
    {
        await app.CreateAgentAsync();
        await app.InScopeAsync(async sp =>
        {
            var addresses = sp.GetRequiredService<SupportAddresses>();
            var existing = (await addresses.ListAsync(default)).FirstOrDefault(a => a.Address == SupportAddress);
            var input = new SupportAddressInput(SupportAddress, "The Tea Shop", OutboundRoute.Smtp, mail.SmtpHost, mail.SmtpPort, SmtpTlsMode.None,
                null, null, null, null, null, IsDefault: true);
            var address = existing is null ? await addresses.CreateAsync(input, default) : await addresses.UpdateAsync(existing.Id, input, default);
            var checkedAddress = await addresses.CheckAsync(address.Id, SupportAddress, default);
            Assert.True(checkedAddress.LastCheckSucceeded, checkedAddress.LastCheckDetail);
            return await sp.GetRequiredService<ContinuitySettings>().TurnOnAsync(windowMinutes, deactivateOutOfOffice: false, default);
        });
    }

    /// <summary>Ends due windows and delivers the outbox until nothing is left, as the email worker does.</summary>
    public static async Task<(int Windows, int Emails)> RunEmailWorkAsync(this ParleyApp app)
    {
        var (windows, emails) = (0, 0);
        for (var round = 0; round < 50; round++)
        {
            var w = await app.InScopeAsync(sp => sp.GetRequiredService<ContinuitySweep>().RunAsync(default));
            var e = await app.InScopeAsync(sp => sp.GetRequiredService<OutboxDelivery>().RunAsync(default));
            (windows, emails) = (windows + w, emails + e);
            if (w == 0 && e == 0)
            {
                return (windows, emails);
            }
        }
        throw new InvalidOperationException("The email work did not settle.");
    }

    /// <summary>A unique address that lands in customer@customer.test's mailbox (plus addressing).</summary>
    public static string NewCustomerAddress() => $"customer+{Guid.NewGuid():N}@customer.test";

    public static Task<List<OutboundEmail>> OutboxAsync(this ParleyApp app, Guid conversationId) => app.InScopeAsync(sp =>
        sp.GetRequiredService<AppDbContext>().OutboundEmails.AsNoTracking().Where(e => e.ConversationId == conversationId).OrderBy(e => e.CreatedAt).ToListAsync());

    public static Task<List<OutboundEmailAttempt>> AttemptsAsync(this ParleyApp app, Guid emailId) => app.InScopeAsync(sp =>
        sp.GetRequiredService<AppDbContext>().OutboundEmailAttempts.AsNoTracking().Where(a => a.EmailId == emailId).OrderBy(a => a.At).ToListAsync());

    public static Task<Conversation> ConversationAsync(this ParleyApp app, Guid conversationId) => app.InScopeAsync(sp =>
        sp.GetRequiredService<AppDbContext>().Conversations.AsNoTracking().SingleAsync(c => c.Id == conversationId));

    public static Task<EndUser> EndUserAsync(this ParleyApp app, Guid endUserId) => app.InScopeAsync(sp =>
        sp.GetRequiredService<AppDbContext>().EndUsers.AsNoTracking().SingleAsync(u => u.Id == endUserId));

    public static Task<int> ChangeEndUserAsync(this ParleyApp app, Guid endUserId, bool? unsubscribed = null, bool? bouncing = null) => app.InScopeAsync(sp =>
        sp.GetRequiredService<AppDbContext>().EndUsers.Where(u => u.Id == endUserId).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.Unsubscribed, x => unsubscribed ?? x.Unsubscribed)
            .SetProperty(x => x.EmailBouncing, x => bouncing ?? x.EmailBouncing)));

    /// <summary>Leaves an outbox email as a claim leaves it when its server dies before sending: Sending, one attempt, leased for two minutes.</summary>
    public static Task<int> ClaimAsIfAServerDiedAsync(this ParleyApp app, Guid emailId)
    {
        var lease = app.Clock.GetUtcNow().AddSeconds(120);
        return app.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().OutboundEmails.Where(e => e.Id == emailId).ExecuteUpdateAsync(u => u
            .SetProperty(e => e.Status, OutboundEmailStatus.Sending).SetProperty(e => e.Attempts, 1).SetProperty(e => e.DueAt, lease)));
    }

    /// <summary>Closes a conversation at once, as the automatic close does days after it was solved.</summary>
    public static Task<int> CloseAsync(this ParleyApp app, Guid conversationId)
    {
        var now = app.Clock.GetUtcNow();
        return app.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Conversations.Where(c => c.Id == conversationId).ExecuteUpdateAsync(u => u
            .SetProperty(c => c.Status, ConversationStatus.Closed).SetProperty(c => c.ClosedAt, now)));
    }
}
