using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MimeKit.Utils;
using Parley.Core.Continuity;
using Parley.Core.Data;
using Parley.Core.Email;
using Parley.Core.Email.Inbound;
using Parley.Core.Email.Outbound;
using Parley.Server.Tests.Continuity;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Email.Inbound;

/// <summary>A conversation whose unread reply was emailed: what an end user's reply refers to.</summary>
public sealed record EmailedConversation(Visitor Visitor, AgentClient Agent, Guid ConversationId, string CustomerEmail, string ReplyAddress, string SentMessageId);

/// <summary>Intent methods for inbound email tests: an emailed conversation to reply to, replies as mail clients write them, the endpoint.</summary>
public static class InboundDriver
{
    public const string SupportAddress = "support@support.test";

    /// <summary>
    /// A visitor with an email writes, an agent replies, the window passes and the continuation email is
    /// sent (into the development mailbox unless <paramref name="mail"/> is given).
    /// </summary>
    public static async Task<EmailedConversation> EmailedConversationAsync(this ParleyApp app, MailServers? mail = null, string? customerEmail = null)
    {
        if (mail is not null)
        {
            await app.EnableContinuityAsync(mail);
        }
        else
        {
            await app.EnableDevelopmentMailboxContinuityAsync();
        }
        var agent = await app.SignInNewAgentAsync(name: "Dana Brewer");
        var visitor = await app.NewVisitorAsync();
        var email = customerEmail ?? $"customer+{Guid.NewGuid():N}@customer.test";
        await visitor.SetEmailAsync(email);
        var started = await visitor.StartConversationAsync("Do you have green tea?");
        await agent.ReplyAsync(started.Conversation.Id, "Yes, the sencha is back in stock.");
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        await app.RunEmailWorkAsync();
        var sent = Assert.Single(await app.OutboxAsync(started.Conversation.Id));
        Assert.Equal(OutboundEmailStatus.Sent, sent.Status);
        var token = (await app.ConversationAsync(started.Conversation.Id)).ReplyToken!;
        return new EmailedConversation(visitor, agent, started.Conversation.Id, email, $"support+{token}@support.test", sent.MessageId);
    }

    /// <summary>Continuous conversations on, with a default support address that sends into the development mailbox.</summary>
    public static async Task EnableDevelopmentMailboxContinuityAsync(this ParleyApp app)
    {
        await app.CreateAgentAsync();
        await app.InScopeAsync(async sp =>
    {
        var addresses = sp.GetRequiredService<SupportAddresses>();
        if ((await addresses.ListAsync(default)).All(a => a.Address != SupportAddress))
        {
            await addresses.CreateAsync(new SupportAddressInput(SupportAddress, "The Tea Shop", OutboundRoute.DevelopmentMailbox, null, 587,
                SmtpTlsMode.None, null, null, null, null, null, IsDefault: true), default);
        }
        return await sp.GetRequiredService<ContinuitySettings>().TurnOnAsync(10, deactivateOutOfOffice: false, default);
    });
    }

    /// <summary>A reply as a mail client writes it: the new text above the quoted email, threaded to it.</summary>
    public static MimeMessage Reply(this EmailedConversation c, string text, string? from = null, string? to = null, bool threaded = true)
    {
        var message = new MimeMessage { Subject = "Re: Your conversation with The Tea Shop", MessageId = MimeUtils.GenerateMessageId("customer.test") };
        message.From.Add(MailboxAddress.Parse(from ?? c.CustomerEmail));
        message.To.Add(MailboxAddress.Parse(to ?? c.ReplyAddress));
        if (threaded)
        {
            message.InReplyTo = c.SentMessageId;
            message.References.Add(c.SentMessageId);
        }
        message.Body = new TextPart("plain") { Text = $"{text}\n\nOn Tue, 1 Dec 2026 at 10:00, The Tea Shop <support@support.test> wrote:\n> Yes, the sencha is back in stock.\n" };
        return message;
    }

    public static byte[] Bytes(this MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    public static Task<string> InboundKeyAsync(this ParleyApp app) => app.InScopeAsync(async sp =>
        await sp.GetRequiredService<InboundKeys>().GetAsync(default) ?? await sp.GetRequiredService<InboundKeys>().RenewAsync(default));

    /// <summary>POST /api/v1/inbound-email as a mail server does, with the inbound key.</summary>
    public static async Task<HttpResponseMessage> PostEmailAsync(this ParleyApp app, byte[] raw, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/inbound-email") { Content = new ByteArrayContent(raw) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key ?? await app.InboundKeyAsync());
        // As curl does for large bodies: the server can refuse an oversized email before it is sent.
        request.Headers.ExpectContinue = raw.Length > 1024 * 1024;
        return await app.Anonymous().SendAsync(request);
    }

    public static async Task<IngestResult> IngestAsync(this ParleyApp app, MimeMessage message, System.Net.HttpStatusCode expected = System.Net.HttpStatusCode.Created) =>
        await Expect.JsonAsync<IngestResult>(await app.PostEmailAsync(message.Bytes()), expected);

    public static Task<List<InboundEmail>> InboundEmailsAsync(this ParleyApp app) => app.InScopeAsync(sp =>
        sp.GetRequiredService<AppDbContext>().InboundEmails.AsNoTracking().OrderBy(e => e.ReceivedAt).ThenBy(e => e.Id).ToListAsync());

    public static Task<int> InboundContentCountAsync(this ParleyApp app) => app.InScopeAsync(sp =>
        sp.GetRequiredService<AppDbContext>().InboundEmailContents.CountAsync());
}
