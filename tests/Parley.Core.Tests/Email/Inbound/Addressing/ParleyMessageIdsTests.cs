using Parley.Core.Email.Inbound.Addressing;

namespace Parley.Core.Tests.Email.Inbound.Addressing;

public sealed class ParleyMessageIdsTests
{
    private static readonly Guid Conversation = Guid.Parse("0196f0a2-7c41-7d3e-9a55-3b1e2f4c6d70");
    private static readonly Guid First = Guid.Parse("0196f3c5-e2a8-7b10-b4d2-c9e1f0a3b5c7");
    private static readonly Guid Second = Guid.Parse("0196f3d0-1b4c-7f2e-8a61-d5c3b2e9f4a8");
    private static readonly string[] Domains = ["acme.example"];

    [Fact]
    public void In_reply_to_comes_first_then_references_newest_first()
    {
        var message = Mails.WithHeaders(
            $"In-Reply-To: <{Second:N}@acme.example>",
            $"References: <conversation-{Conversation:N}@acme.example> <{First:N}@acme.example> <{Second:N}@acme.example>");
        Assert.Equal(
            [new(ParleyMessageIdKind.Email, Second), new(ParleyMessageIdKind.Email, First), new(ParleyMessageIdKind.Conversation, Conversation)],
            ParleyMessageIds.Find(message, Domains));
    }

    [Fact]
    public void References_alone_are_read_newest_first()
    {
        var message = Mails.WithHeaders($"References: <conversation-{Conversation:N}@acme.example>\n <{First:N}@acme.example>");
        Assert.Equal([new(ParleyMessageIdKind.Email, First), new(ParleyMessageIdKind.Conversation, Conversation)], ParleyMessageIds.Find(message, Domains));
    }

    [Fact]
    public void Ids_of_other_domains_and_other_forms_are_skipped()
    {
        var message = Mails.WithHeaders(
            $"In-Reply-To: <CAKsfaBUUGqVZiaMrmH3TRPfq1odQPtM7@mail.gmail.com>",
            $"References: <{First:N}@elsewhere.example> <{First}@acme.example> <thread-{First:N}@acme.example> <{First:N}x@acme.example> <{Second:N}@ACME.example>");
        Assert.Equal([new(ParleyMessageIdKind.Email, Second)], ParleyMessageIds.Find(message, Domains));
    }

    [Fact]
    public void Every_id_named_by_in_reply_to_is_read()
    {
        var message = Mails.WithHeaders($"In-Reply-To: <{First:N}@acme.example> <{Second:N}@acme.example>");
        Assert.Equal([new(ParleyMessageIdKind.Email, First), new(ParleyMessageIdKind.Email, Second)], ParleyMessageIds.Find(message, Domains));
    }

    [Fact]
    public void An_id_named_twice_is_listed_once()
    {
        var message = Mails.WithHeaders($"In-Reply-To: <{First:N}@acme.example>", $"References: <{First:N}@acme.example>");
        Assert.Equal([new(ParleyMessageIdKind.Email, First)], ParleyMessageIds.Find(message, Domains));
    }

    [Fact]
    public void Upper_case_hex_and_prefix_are_accepted() =>
        Assert.Equal(new ParleyMessageId(ParleyMessageIdKind.Conversation, Conversation),
            ParleyMessageIds.Parse($"<CONVERSATION-{Conversation.ToString("N").ToUpperInvariant()}@acme.example>", Domains));

    [Fact]
    public void An_internationalised_domain_matches_in_either_form() =>
        Assert.Equal(new ParleyMessageId(ParleyMessageIdKind.Email, First), ParleyMessageIds.Parse($"{First:N}@xn--bcher-kva.example", ["bücher.example"]));

    [Fact]
    public void A_reply_without_threading_headers_names_nothing() =>
        Assert.Empty(ParleyMessageIds.Find(Mails.WithHeaders("Subject: hello"), Domains));
}
