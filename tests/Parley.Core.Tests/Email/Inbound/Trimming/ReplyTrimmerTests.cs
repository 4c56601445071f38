using Parley.Core.Email.Inbound.Trimming;

namespace Parley.Core.Tests.Email.Inbound.Trimming;

public sealed class ReplyTrimmerTests
{
    [Fact]
    public void Gmail_header_wrapped_inside_the_address_is_still_a_header()
    {
        const string text = """
            Yes, Thursday works.

            On Thu, Mar 14, 2024 at 3:10 PM Acme Support <
            support+abcdefghijklmnopqrstuvwxyz@parley.example> wrote:

            > Your parcel should reach you on Thursday.
            """;

        Assert.Equal("Yes, Thursday works.", ReplyTrimmer.Trim(text));
    }

    [Fact]
    public void Gmail_header_wrapped_before_wrote_is_still_a_header()
    {
        const string text = "Yes.\n\nOn Thu, Mar 14, 2024 at 3:10 PM Acme Support <support@parley.example>\nwrote:\n> Hi\n";

        Assert.Equal("Yes.", ReplyTrimmer.Trim(text));
    }

    [Fact]
    public void A_header_wrapped_over_three_lines_is_still_a_header()
    {
        const string text = "다음 주에 받을게요.\n\n2024년 3월 14일 (목) 오후 3:10, Acme Support\n<support+abcdefghijklmnopqrstuvwxyz@parley.example>님이\n작성:\n> 안녕하세요\n";

        Assert.Equal("다음 주에 받을게요.", ReplyTrimmer.Trim(text));
    }

    [Fact]
    public void A_customer_sentence_above_a_wrapped_header_stays()
    {
        const string text = "Here is what I meant, see below\nOn Thu, Mar 14, 2024 at 3:10 PM Acme Support <support@parley.example>\nwrote:\n> Hi\n";

        Assert.Equal("Here is what I meant, see below", ReplyTrimmer.Trim(text));
    }

    [Fact]
    public void A_sentence_that_only_looks_like_a_header_stays()
    {
        const string text = "On the other hand, my neighbour wrote:\nthe parcel is at the post office.";

        Assert.Equal(text, ReplyTrimmer.Trim(text));
    }

    [Fact]
    public void Original_message_separator_ends_the_reply()
    {
        const string text = "See you then.\n\n-----Original Message-----\nFrom: Acme Support\nHi Jane";

        Assert.Equal("See you then.", ReplyTrimmer.Trim(text));
    }

    [Theory]
    [InlineData("-------- Original message --------")]
    [InlineData("----- Original Message -----")]
    [InlineData("-----Ursprüngliche Nachricht-----")]
    [InlineData("-----Message d'origine-----")]
    [InlineData("------------------ 原始邮件 ------------------")]
    [InlineData("-------- 원본 메시지 --------")]
    [InlineData("-----Исходное сообщение-----")]
    [InlineData("---------- Forwarded message ---------")]
    [InlineData("---------- Weitergeleitete Nachricht ---------")]
    public void Original_message_separators_in_other_languages_end_the_reply(string separator)
    {
        Assert.Equal("Ok.", ReplyTrimmer.Trim($"Ok.\n\n{separator}\nquoted\n"));
    }

    [Fact]
    public void Signature_after_the_delimiter_is_cut()
    {
        const string text = "Thanks, that helps.\n\n-- \nJane Doe\nHead of Purchasing, Example Ltd\n+44 20 7946 0000\n";

        Assert.Equal("Thanks, that helps.", ReplyTrimmer.Trim(text));
    }

    [Fact]
    public void Signature_delimiter_without_its_space_is_still_a_delimiter()
    {
        Assert.Equal("Thanks.", ReplyTrimmer.Trim("Thanks.\n--\nJane"));
    }

    [Fact]
    public void Mobile_signature_before_the_header_is_cut_with_it()
    {
        const string text = "Perfect\n\nSent from my iPhone\n\n> On Mar 14, 2024, at 15:10, Acme Support <support@parley.example> wrote:\n>\n> Hi";

        Assert.Equal("Perfect", ReplyTrimmer.Trim(text));
    }

    [Fact]
    public void Sent_from_my_iphone_in_the_middle_of_the_text_stays()
    {
        const string text = "The email that says Sent from my iPhone\nis not mine.\n\nSent from my iPhone";

        Assert.Equal("The email that says Sent from my iPhone\nis not mine.", ReplyTrimmer.Trim(text));
    }

    [Fact]
    public void Trailing_quoted_lines_without_a_header_are_cut()
    {
        Assert.Equal("Thanks!", ReplyTrimmer.Trim("Thanks!\n\n> Your parcel left our warehouse.\n> Alex\n"));
    }

    [Fact]
    public void Inline_answers_keep_each_answer_and_drop_the_quotes()
    {
        const string text = """
            On 3/14/24 15:10, Acme Support wrote:
            > Could you send us your order number?

            It is 12345.

            > And the delivery address?

            1 Main Street, Springfield.

            > Thanks, Alex
            > --
            > Acme
            """;

        Assert.Equal("It is 12345.\n\n1 Main Street, Springfield.", ReplyTrimmer.Trim(text));
    }

    [Fact]
    public void Text_above_inline_answers_stays_too()
    {
        const string text = "Hi Alex, answers below.\n\nOn 3/14/24 15:10, Acme Support wrote:\n> Order number?\n12345\n> Address?\n1 Main Street\n";

        Assert.Equal("Hi Alex, answers below.\n\n12345\n\n1 Main Street", ReplyTrimmer.Trim(text));
    }

    [Fact]
    public void Bottom_posted_reply_keeps_the_text_under_the_quote()
    {
        Assert.Equal("Hello", ReplyTrimmer.Trim("On 04/02/2012 06:26 PM, Megan One wrote:\n> Hi\nHello\n"));
    }

    [Fact]
    public void Signature_after_inline_answers_is_cut()
    {
        Assert.Equal("Yes", ReplyTrimmer.Trim("On 3/14/24 15:10, Acme wrote:\n> Ok?\nYes\n\n-- \nJane\n"));
    }

    [Fact]
    public void An_older_header_after_inline_answers_ends_the_reply()
    {
        const string text = "> Ok?\nYes\n\nFrom: Acme Support <support@parley.example>\nSent: Monday\nTo: Jane\nSubject: Order\n\nunquoted older email";

        Assert.Equal("Yes", ReplyTrimmer.Trim(text));
    }

    [Fact]
    public void When_nothing_would_be_left_the_whole_text_is_kept()
    {
        const string text = "\n\nOn Thu, Mar 14, 2024 at 3:10 PM Acme <support@parley.example> wrote:\n> Hi Jane\n\n";

        Assert.Equal(text.Trim(), ReplyTrimmer.Trim(text));
    }

    [Fact]
    public void A_signature_alone_is_kept_rather_than_nothing()
    {
        Assert.Equal("Sent from my iPhone", ReplyTrimmer.Trim("Sent from my iPhone\n"));
    }

    [Fact]
    public void Empty_text_stays_empty()
    {
        Assert.Equal("", ReplyTrimmer.Trim("  \n \r\n"));
    }

    [Fact]
    public void Line_endings_become_newlines_and_trailing_blank_lines_go()
    {
        Assert.Equal("One\n\nTwo", ReplyTrimmer.Trim("One\r\n\r\nTwo  \r\n\r\n\r\n"));
    }
}
