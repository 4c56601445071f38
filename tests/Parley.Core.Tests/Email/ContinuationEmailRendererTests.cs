using Parley.Core.Email.Outbound;

namespace Parley.Core.Tests.Email;

public sealed class ContinuationEmailRendererTests
{
    [Theory]
    [InlineData("pt-AO", "en", "pt-BR")]
    [InlineData("pt-PT", "en", "pt-PT")]
    [InlineData("zh-Hant-HK", "en", "zh-TW")]
    [InlineData("ko-KR", "de", "ko")]
    [InlineData(null, "de", "de")]
    [InlineData("xx", "fr-CA", "fr")]
    [InlineData("", "nb-NO", "nb")]
    [InlineData("xx", "yy", "en")]
    public async Task The_language_comes_from_the_profile_then_the_account_default_then_English(string? profile, string accountDefault, string expected)
    {
        var email = await EmailModels.RenderAsync(EmailModels.With(language: profile, accountDefault: accountDefault));

        Assert.Equal(expected, email.Language);
    }

    [Fact]
    public async Task The_override_is_asked_for_the_language_the_chain_chose()
    {
        var asked = new List<string>();
        await ContinuationEmailRenderer.RenderAsync(EmailModels.With(language: "pt-AO"), l =>
        {
            asked.Add(l);
            return null;
        });

        Assert.Equal(["pt-BR"], asked);
    }

    [Theory]
    [InlineData(1, "1 new reply from Acme")]
    [InlineData(2, "2 new replies from Acme")]
    [InlineData(11, "11 new replies from Acme")]
    public async Task English_counts_one_new_reply_and_more_new_replies(int replies, string expected)
    {
        var email = await EmailModels.RenderAsync(EmailModels.With(replies: replies));

        Assert.StartsWith(expected + "\n", email.TextBody, StringComparison.Ordinal);
        Assert.Contains($">{expected}</h1>", email.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "1 новый ответ от Acme")]
    [InlineData(3, "3 новых ответа от Acme")]
    [InlineData(5, "5 новых ответов от Acme")]
    [InlineData(12, "12 новых ответов от Acme")]
    [InlineData(21, "21 новый ответ от Acme")]
    [InlineData(22, "22 новых ответа от Acme")]
    public async Task Russian_counts_replies_in_the_one_few_and_many_forms(int replies, string expected) =>
        Assert.StartsWith(expected + "\n", (await EmailModels.RenderAsync(EmailModels.With(language: "ru", replies: replies))).TextBody, StringComparison.Ordinal);

    [Theory]
    [InlineData(1, "1 nowa odpowiedź od Acme")]
    [InlineData(2, "2 nowe odpowiedzi od Acme")]
    [InlineData(5, "5 nowych odpowiedzi od Acme")]
    [InlineData(12, "12 nowych odpowiedzi od Acme")]
    [InlineData(22, "22 nowe odpowiedzi od Acme")]
    [InlineData(25, "25 nowych odpowiedzi od Acme")]
    public async Task Polish_counts_replies_in_the_one_few_and_many_forms(int replies, string expected) =>
        Assert.StartsWith(expected + "\n", (await EmailModels.RenderAsync(EmailModels.With(language: "pl", replies: replies))).TextBody, StringComparison.Ordinal);

    [Theory]
    [InlineData(1, "رد جديد واحد من Acme")]
    [InlineData(2, "ردّان جديدان من Acme")]
    [InlineData(3, "3 ردود جديدة من Acme")]
    [InlineData(10, "10 ردود جديدة من Acme")]
    [InlineData(11, "11 ردًا جديدًا من Acme")]
    [InlineData(100, "100 رد جديد من Acme")]
    public async Task Arabic_counts_replies_in_the_one_two_few_many_and_other_forms(int replies, string expected) =>
        Assert.StartsWith(expected + "\n", (await EmailModels.RenderAsync(EmailModels.With(language: "ar", replies: replies))).TextBody, StringComparison.Ordinal);

    [Theory]
    [InlineData("en")]
    [InlineData("ru")]
    [InlineData("ar")]
    [InlineData("ja")]
    public async Task The_subject_is_the_same_for_every_email_of_a_conversation_whatever_the_count(string language)
    {
        var one = await EmailModels.RenderAsync(EmailModels.With(language: language, replies: 1));
        var three = await EmailModels.RenderAsync(EmailModels.With(language: language, replies: 3));
        var twelve = await EmailModels.RenderAsync(EmailModels.With(language: language, replies: 12));

        Assert.Equal(one.Subject, three.Subject);
        Assert.Equal(one.Subject, twelve.Subject);
        Assert.Contains("42", one.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("12", twelve.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_subject_names_the_business_and_the_conversation_number() =>
        Assert.Equal("Your conversation with Acme (#42)", (await EmailModels.RenderAsync(EmailModels.With())).Subject);

    [Fact]
    public async Task The_subject_is_one_line_of_at_most_200_characters()
    {
        var email = await EmailModels.RenderAsync(EmailModels.With(business: "Acme\r\nBcc: victim@example.com\t" + new string('x', 500)));

        Assert.True(email.Subject.Length <= ContinuationEmailRenderer.MaxSubjectLength, $"{email.Subject.Length} characters");
        Assert.DoesNotContain('\n', email.Subject);
        Assert.DoesNotContain('\r', email.Subject);
        Assert.StartsWith("Your conversation with Acme Bcc: victim@example.com xxx", email.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_reply_shows_its_author_its_time_in_the_account_zone_its_text_and_its_attachments()
    {
        var email = await EmailModels.RenderAsync(EmailModels.With(
            language: "de", zone: "Europe/Berlin", agent: "Mia Berger", text: "Erste Zeile\nZweite Zeile", attachments: ["rechnung.pdf", "foto.png"]));

        Assert.Contains("Mia Berger · Freitag, 14. März 2025 14:58 (UTC+1)", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Erste Zeile\nZweite Zeile", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Anhänge: rechnung.pdf, foto.png", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Erste Zeile<br>Zweite Zeile", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<strong>Mia Berger</strong>", email.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "America/New_York", "2025-07-04T16:30:00Z", "Friday, July 4, 2025 12:30\u202FPM (UTC-4)")]
    [InlineData("ja", "Asia/Tokyo", "2025-07-04T16:30:00Z", "2025年7月5日土曜日 1:30 (UTC+9)")]
    [InlineData("hi", "Asia/Kolkata", "2025-01-10T04:00:00Z", "शुक्रवार, 10 जनवरी 2025 9:30 am (UTC+5:30)")]
    [InlineData("fr", "Europe/Paris", "2025-07-04T16:30:00Z", "vendredi 4 juillet 2025 18:30 (UTC+2)")]
    [InlineData("fr", "Nowhere/Unknown", "2025-07-04T16:30:00Z", "vendredi 4 juillet 2025 16:30 (UTC)")]
    public async Task Times_are_shown_in_the_account_zone_with_the_language_culture_and_the_offset(string language, string zone, string at, string expected)
    {
        var model = EmailModels.With(language: language, zone: zone) with
        {
            Replies = [new EmailReply("Alex", DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), "Hi", [])],
        };

        Assert.Contains(expected, (await EmailModels.RenderAsync(model)).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_end_users_last_message_is_quoted_for_context_before_the_replies()
    {
        var email = await EmailModels.RenderAsync(EmailModels.With() with
        {
            LastEndUserMessage = new EmailReply("Jo Doe", EmailModels.FirstReplyAt.AddMinutes(-5), "Where is\nmy order?", []),
        });

        Assert.Contains("Your message · Friday, March 14, 2025 1:53\u202FPM (UTC)\n> Where is\n> my order?", email.TextBody, StringComparison.Ordinal);
        Assert.True(email.TextBody.IndexOf("> Where is", StringComparison.Ordinal) < email.TextBody.IndexOf("We shipped it today.", StringComparison.Ordinal));
        Assert.Contains("Where is<br>my order?", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_last_message_there_is_no_quote()
    {
        var email = await EmailModels.RenderAsync(EmailModels.With() with { LastEndUserMessage = null });

        Assert.DoesNotContain("Your message", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"pm-quote\"", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_email_says_how_to_continue_and_how_to_unsubscribe()
    {
        var email = await EmailModels.RenderAsync(EmailModels.With());

        Assert.Contains("Reply to this email to continue the conversation", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("\n" + EmailModels.ContinueUrl + "\n", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Unsubscribe from these emails: " + EmailModels.UnsubscribeUrl, email.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{EmailModels.ContinueUrl.Replace("&", "&amp;", StringComparison.Ordinal)}\"", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{EmailModels.UnsubscribeUrl}\"", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(">Continue the conversation</a>", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_greeting_names_the_end_user_and_stays_polite_without_a_name()
    {
        Assert.Contains("\nHi Jo Doe,\n", (await EmailModels.RenderAsync(EmailModels.With())).TextBody, StringComparison.Ordinal);
        Assert.Contains("\nHi,\n", (await EmailModels.RenderAsync(EmailModels.With(endUser: null))).TextBody, StringComparison.Ordinal);
        Assert.Contains("\nお客様\n", (await EmailModels.RenderAsync(EmailModels.With(language: "ja", endUser: "  "))).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_text_body_keeps_hostile_text_as_written_with_sane_line_breaks()
    {
        var email = await EmailModels.RenderAsync(EmailModels.With(
            text: "<script>alert(1)</script>\r\nline two\rline three\u0007\u0000", agent: "<b>Eve</b>"));

        Assert.Contains("<b>Eve</b> · ", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script>\nline two\nline three\n", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("&lt;", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', email.TextBody);
        Assert.DoesNotContain('\u0007', email.TextBody);
        Assert.DoesNotContain("\n\n\n", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("\n-- \n", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_conversation_still_renders_through_the_shipped_layout()
    {
        var text = string.Join('\n', Enumerable.Range(0, 400).Select(i => $"Line {i} of a long answer."));
        var email = await EmailModels.RenderAsync(EmailModels.With(replies: 60, text: text));

        Assert.Empty(email.OverrideFailures);
        Assert.Contains("60 new replies", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Line 399 of a long answer.", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_without_replies_or_with_a_link_that_is_not_http_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(async () => await EmailModels.RenderAsync(EmailModels.With() with { Replies = [] }));
        await Assert.ThrowsAsync<ArgumentException>(async () => await EmailModels.RenderAsync(EmailModels.With() with { ContinueUrl = "javascript:alert(1)" }));
        await Assert.ThrowsAsync<ArgumentException>(async () => await EmailModels.RenderAsync(EmailModels.With() with { UnsubscribeUrl = "/relative" }));
    }

    [Fact]
    public void The_placeholder_names_include_the_strings_and_the_conversation_values()
    {
        Assert.Contains("t.new_replies", ContinuationEmailRenderer.Names);
        Assert.Contains("t.continue_hint", ContinuationEmailRenderer.Names);
        Assert.Contains("reply.text", ContinuationEmailRenderer.Names);
        Assert.Contains("continue_url", ContinuationEmailRenderer.Names);
        Assert.DoesNotContain(ContinuationEmailRenderer.Names, n => n.Contains("sample", StringComparison.Ordinal));
    }
}
