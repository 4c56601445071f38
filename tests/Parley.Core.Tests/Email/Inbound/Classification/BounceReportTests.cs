using System.Diagnostics;
using Parley.Core.Email.Inbound.Classification;

namespace Parley.Core.Tests.Email.Inbound.Classification;

public sealed class BounceReportTests
{
    private static string Dsn(string recipientFields, string original = "Message-ID: <0196f3c5e2a87b10b4d2c9e1f0a3b5c7@acme.example>\nSubject: x\n") => $"""
        From: Mail Delivery System <MAILER-DAEMON@mx.visitor.example>
        To: support@acme.example
        Subject: Undelivered Mail Returned to Sender
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b"

        --b
        Content-Type: text/plain

        The mail system said no.

        --b
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.visitor.example

        {recipientFields}

        --b
        Content-Type: text/rfc822-headers

        {original}
        --b--
        """;

    [Fact]
    public void An_ordinary_reply_is_not_a_bounce() =>
        Assert.Null(BounceReport.TryParse(Mails.WithHeaders("From: ann@visitor.example", "Subject: Re: Undelivered Mail Returned to Sender")));

    [Fact]
    public void A_person_forwarding_a_bounce_in_prose_is_not_a_bounce() =>
        Assert.Null(BounceReport.TryParse(Mails.Parse("""
            From: Ann <ann@visitor.example>
            To: support@acme.example
            Subject: Fwd: Mail delivery failed: returning message to sender

            Why did this bounce?

            A message that you sent could not be delivered to one or more of its
            recipients. This is a permanent error. The following address(es) failed:

              ann@old.visitor.example
                Unrouteable address
            """)));

    [Fact]
    public void A_standard_report_gives_recipient_status_diagnostic_and_the_original_id()
    {
        var report = BounceReport.TryParse(Mails.Parse(Dsn("""
            Final-Recipient: rfc822; Bob@Visitor.example
            Action: failed
            Status: 5.1.1
            Diagnostic-Code: smtp; 550 5.1.1 <bob@visitor.example>: Recipient address
             rejected: User unknown in virtual mailbox table
            """)));
        Assert.NotNull(report);
        Assert.True(report.IsDeliveryStatusNotification);
        Assert.True(report.Permanent);
        Assert.Equal("0196f3c5e2a87b10b4d2c9e1f0a3b5c7@acme.example", report.OriginalMessageId);
        var recipient = Assert.Single(report.Recipients);
        Assert.Equal(new FailedRecipient("bob@visitor.example", null, "5.1.1",
            "550 5.1.1 <bob@visitor.example>: Recipient address rejected: User unknown in virtual mailbox table", true), recipient);
    }

    [Fact]
    public void A_delay_is_a_bounce_that_is_not_permanent()
    {
        var report = BounceReport.TryParse(Mails.Parse(Dsn("Final-Recipient: rfc822; bob@visitor.example\nAction: delayed\nStatus: 4.4.1\nWill-Retry-Until: Tue, 3 Jun 2025 10:00:00 +0000")));
        Assert.NotNull(report);
        Assert.False(report.Permanent);
        Assert.Equal("4.4.1", Assert.Single(report.Recipients).Status);
    }

    [Fact]
    public void A_failure_that_gave_up_on_a_temporary_error_is_not_permanent()
    {
        var report = BounceReport.TryParse(Mails.Parse(Dsn("Final-Recipient: rfc822; bob@visitor.example\nAction: failed\nStatus: 4.4.7\nDiagnostic-Code: X-Postfix; delivery temporarily suspended")));
        Assert.False(report!.Permanent);
    }

    [Fact]
    public void A_report_of_successful_delivery_names_no_failed_recipient()
    {
        var report = BounceReport.TryParse(Mails.Parse(Dsn("Final-Recipient: rfc822; bob@visitor.example\nAction: delivered\nStatus: 2.0.0")));
        Assert.NotNull(report);
        Assert.Empty(report.Recipients);
        Assert.False(report.Permanent);
    }

    [Fact]
    public void A_forwarded_recipient_keeps_the_address_first_sent_to()
    {
        var report = BounceReport.TryParse(Mails.Parse(Dsn("Original-Recipient: rfc822; ann@visitor.example\nFinal-Recipient: rfc822; ann.lee@old-isp.example\nAction: failed\nStatus: 5.1.1")));
        var recipient = Assert.Single(report!.Recipients);
        Assert.Equal(("ann.lee@old-isp.example", "ann@visitor.example"), (recipient.Address, recipient.OriginalAddress));
    }

    [Fact]
    public void Without_a_status_the_smtp_reply_code_of_the_diagnostic_decides()
    {
        var report = BounceReport.TryParse(Mails.Parse(Dsn("Final-Recipient: rfc822; bob@visitor.example\nAction: failed\nDiagnostic-Code: smtp; 552 Mailbox full (host 192.0.2.44)")));
        var recipient = Assert.Single(report!.Recipients);
        Assert.Null(recipient.Status);
        Assert.True(recipient.Permanent);
    }

    [Fact]
    public void Each_recipient_of_a_report_is_read()
    {
        var report = BounceReport.TryParse(Mails.Parse(Dsn("Final-Recipient: rfc822; a@visitor.example\nAction: failed\nStatus: 5.1.1\n\nFinal-Recipient: rfc822; b@visitor.example\nAction: delayed\nStatus: 4.2.2")));
        Assert.Equal(["a@visitor.example", "b@visitor.example"], report!.Recipients.Select(r => r.Address));
        Assert.Equal([true, false], report.Recipients.Select(r => r.Permanent));
        Assert.True(report.Permanent);
    }

    [Theory]
    [InlineData("host 192.0.2.5 said: 550 5.1.1 user unknown", "5.1.1")]
    [InlineData("Sorry, no mailbox here by that name. (#5.1.1)", "5.1.1")]
    [InlineData("550 5.1.10 RESOLVER.ADR.RecipientNotFound", "5.1.10")]
    [InlineData("550-5.7.26 Unauthenticated email", "5.7.26")]
    [InlineData("connect to 10.5.1.1 port 25: timed out", null)]
    [InlineData("Postfix 3.7.11 said no", null)]
    public void Status_codes_are_found_in_text_but_not_in_addresses_or_versions(string text, string? status) =>
        Assert.Equal(status, BounceText.StatusCode(text));

    [Theory]
    [InlineData("x@y.example\n")]
    [InlineData("<a@b.example>: 550 5.1.1 ")]
    [InlineData("message to a@")]
    public void A_hostile_prose_bounce_of_megabytes_is_read_in_linear_time(string repeated)
    {
        var body = string.Concat(Enumerable.Repeat(repeated, 2_000_000 / repeated.Length));
        var message = Mails.Parse($"From: MAILER-DAEMON@mx.visitor.example\nTo: support@acme.example\nSubject: Undelivered Mail Returned to Sender\n\n{body}\n");
        var clock = Stopwatch.StartNew();
        Assert.NotNull(BounceReport.TryParse(message));
        Assert.NotNull(AutomaticReplies.Detect(message));
        // Quadratic work on 2 MB would take minutes; linear work takes well under a second.
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_prose_bounce_naming_no_recipient_is_permanent_when_its_words_say_so()
    {
        var report = BounceReport.TryParse(Mails.Parse("""
            From: MAILER-DAEMON@mx.visitor.example
            To: support@acme.example
            Subject: Mail delivery failed: returning message to sender

            This message was created automatically by mail delivery software.
            This is a permanent error. Something went wrong with the recipient.
            """));
        Assert.NotNull(report);
        Assert.Empty(report.Recipients);
        Assert.True(report.Permanent);
        Assert.False(report.IsDeliveryStatusNotification);
    }
}
