using Parley.Core.Email.Outbound;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Continuity;

/// <summary>Two servers on one PostgreSQL sweep and send at the same moment: windows and emails are claimed, so each goes out once.</summary>
public sealed class ContinuationEmailClusterTests(TwoServers servers, MailServers mail) : IClassFixture<TwoServers>, IClassFixture<MailServers>
{
    [Fact]
    public async Task Two_servers_sweeping_and_sending_at_once_send_each_conversation_exactly_one_email()
    {
        await servers.A.EnableContinuityAsync(mail);
        var agent = await servers.A.SignInNewAgentAsync();
        var conversations = new List<(Guid Id, string Email)>();
        for (var i = 0; i < 12; i++)
        {
            var visitor = await (i % 2 == 0 ? servers.A : servers.B).NewVisitorAsync();
            var email = ContinuityDriver.NewCustomerAddress();
            await visitor.SetEmailAsync(email);
            var id = (await visitor.StartConversationAsync($"Question {i}")).Conversation.Id;
            await agent.ReplyAsync(id, $"Answer {i}");
            conversations.Add((id, email));
        }
        foreach (var server in new[] { servers.A, servers.B })
        {
            server.Clock.Advance(TimeSpan.FromMinutes(10));
        }

        await Task.WhenAll(servers.A.RunEmailWorkAsync(), servers.B.RunEmailWorkAsync(), servers.A.RunEmailWorkAsync(), servers.B.RunEmailWorkAsync());

        foreach (var (id, _) in conversations)
        {
            var email = Assert.Single(await servers.A.OutboxAsync(id));
            Assert.Equal(OutboundEmailStatus.Sent, email.Status);
            Assert.Single(await servers.A.AttemptsAsync(email.Id));
        }
        var inbox = await mail.WaitForAsync("customer@customer.test",
            all => conversations.All(c => all.Any(m => m.To.Mailboxes.Any(x => x.Address == c.Email))), TimeSpan.FromSeconds(15));
        var received = inbox.SelectMany(m => m.To.Mailboxes).Select(m => m.Address).ToList();
        foreach (var (_, address) in conversations)
        {
            Assert.Single(received, address);
        }
    }
}
