using System.Globalization;
using System.Text;
using MimeKit;

namespace Parley.Bench.Inbound;

/// <summary>
/// Realistic replies to continuation emails, 5 to 50 KB each: the new text above the quoted email, as Gmail,
/// Outlook and Apple Mail write it (text and HTML alternatives), in several languages, some with a photo or
/// a PDF attached. Built once, before anything is measured.
/// </summary>
internal static class BenchReplies
{
    public const string Domain = "bench.test";

    private static readonly (string Lang, string Text, string Header)[] Texts =
    [
        ("en", "Thanks, that helps a lot. Could you also tell me when the blue teapot is back in stock? I would like two of them.", "On {0}, The Tea Shop <support@bench.test> wrote:"),
        ("de", "Vielen Dank für die schnelle Antwort. Können Sie mir sagen, wann die blaue Teekanne wieder da ist? Ich hätte gern zwei.", "Am {0} schrieb The Tea Shop <support@bench.test>:"),
        ("fr", "Merci beaucoup pour votre réponse. Pouvez-vous me dire quand la théière bleue sera de nouveau disponible ? J'en voudrais deux.", "Le {0}, The Tea Shop <support@bench.test> a écrit :"),
        ("ko", "빠른 답변 감사합니다. 파란색 찻주전자는 언제 다시 입고되나요? 두 개를 주문하고 싶습니다.", "{0}, The Tea Shop <support@bench.test>님이 작성:"),
        ("ja", "ご返信ありがとうございます。青いティーポットはいつ再入荷しますか？二つ注文したいです。", "{0} The Tea Shop <support@bench.test>:"),
    ];

    private const string Quoted =
        "Hi,\n\nYou have 2 new replies from The Tea Shop.\n\nDana Brewer, 10:02:\nYes, the sencha is back in stock and ships within two days. " +
        "We also have a new first-flush darjeeling if you like lighter teas.\n\nDana Brewer, 10:05:\nShall I put a pack aside for you? We can hold it for a week.\n\n" +
        "You wrote, 09:58:\nDo you have green tea again?\n\nReply to this email or continue on our website: https://shop.bench.test/messenger/continue/abc\n" +
        "Unsubscribe: https://shop.bench.test/email/unsubscribe/xyz\n";

    /// <summary><paramref name="count"/> replies spread over <paramref name="tokens"/> (one conversation each), from their end users.</summary>
    public static List<byte[]> Build(int count, IReadOnlyList<(string Token, string Email)> tokens)
    {
        var random = new Random(42);
        var list = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            var (token, email) = tokens[i % tokens.Count];
            list.Add(Bytes(One(i, token, email, random)));
        }
        return list;
    }

    private static MimeMessage One(int i, string token, string email, Random random)
    {
        var (lang, text, header) = Texts[i % Texts.Length];
        var date = new DateTimeOffset(2026, 12, 1, 10, 5, 0, TimeSpan.Zero).ToString("ddd, d MMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture);
        var style = i % 3;
        var message = new MimeMessage
        {
            Subject = "Re: Your conversation with The Tea Shop (#" + (1000 + i) + ")",
            MessageId = $"bench-{i}-{Guid.NewGuid():N}@customer.{Domain}",
            Date = DateTimeOffset.UtcNow,
        };
        message.From.Add(new MailboxAddress("Kim Customer", email));
        message.To.Add(new MailboxAddress("The Tea Shop", $"support+{token}@{Domain}"));
        message.InReplyTo = $"{Guid.NewGuid():N}@{Domain}";
        message.References.Add(message.InReplyTo);
        message.Headers.Add("Content-Language", lang);
        // How much of the history a client quotes varies; so does the length of what the customer wrote.
        var repeats = 3 + random.Next(4);
        var quoted = string.Concat(Enumerable.Repeat(Quoted, repeats));
        var own = string.Join("\n\n", Enumerable.Repeat(text, 1 + random.Next(3)));
        var plain = style switch
        {
            0 => $"{own}\n\n{string.Format(CultureInfo.InvariantCulture, header, date)}\n\n{Quote(quoted)}",
            1 => $"{own}\n\n-----Original Message-----\nFrom: The Tea Shop <support@{Domain}>\nSent: {date}\nTo: {email}\nSubject: Your conversation\n\n{quoted}",
            _ => $"{own}\n\nSent from my iPhone\n\n{string.Format(CultureInfo.InvariantCulture, header, date)}\n\n{Quote(quoted)}",
        };
        var body = new BodyBuilder { TextBody = plain, HtmlBody = Html(own, quoted, style, header, date) };
        if (i % 5 == 1)
        {
            var photo = new byte[4_000 + random.Next(28_000)];
            random.NextBytes(photo);
            body.Attachments.Add($"IMG_{1000 + i}.jpg", photo, new ContentType("image", "jpeg"));
        }
        else if (i % 5 == 3)
        {
            var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n" + new string('x', 2_000 + random.Next(12_000)));
            body.Attachments.Add("order.pdf", pdf, new ContentType("application", "pdf"));
        }
        message.Body = body.ToMessageBody();
        return message;
    }

    private static string Quote(string text) => string.Join('\n', text.Split('\n').Select(l => "> " + l));

    private static string Html(string own, string quoted, int style, string header, string date)
    {
        var mine = string.Join("", own.Split("\n\n").Select(p => $"<div dir=\"ltr\">{System.Net.WebUtility.HtmlEncode(p)}</div><div><br></div>"));
        var history = string.Join("<br>\n", quoted.Split('\n').Select(System.Net.WebUtility.HtmlEncode));
        var style1 = "<style>p.MsoNormal, li.MsoNormal, div.MsoNormal { margin:0cm; font-size:11.0pt; font-family:\"Calibri\",sans-serif; } a:link { color:#0563C1; }</style>";
        return style switch
        {
            0 => $"<div dir=\"ltr\">{mine}</div><br><div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">{System.Net.WebUtility.HtmlEncode(string.Format(CultureInfo.InvariantCulture, header, date))}<br></div><blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex\">{history}</blockquote></div>",
            1 => $"<html><head>{style1}</head><body lang=\"EN-US\"><div class=\"WordSection1\"><p class=\"MsoNormal\">{mine}</p><div id=\"divRplyFwdMsg\" dir=\"ltr\"><hr style=\"display:inline-block;width:98%\"><font face=\"Calibri, sans-serif\"><b>From:</b> The Tea Shop<br><b>Sent:</b> {date}<br><b>Subject:</b> Your conversation</font></div><div>{history}</div></div></body></html>",
            _ => $"<html><body dir=\"auto\">{mine}<div>Sent from my iPhone</div><div><br><blockquote type=\"cite\">{history}</blockquote></div></body></html>",
        };
    }

    private static byte[] Bytes(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }
}
