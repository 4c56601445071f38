using Parley.Core.Email.Inbound.Trimming;

namespace Parley.Core.Tests.Email.Inbound.Trimming;

/// <summary>Each shipped language's reply headers, as the common clients write them.</summary>
public sealed class ReplyTrimmerLanguageTests
{
    private const string Support = "Acme Support <support+abcdefghijklmnopqrstuvwxyz@parley.example>";
    private const string Quote = "> Thanks for waiting. Your parcel should reach you on Thursday.\n>\n> -- \n> Acme";

    // One attribution line per language, mostly Gmail's; Apple Mail and Thunderbird forms are in the fixtures.
    public static TheoryData<string, string> Attributions => new()
    {
        { "en", $"On Thu, Mar 14, 2024 at 3:10 PM {Support} wrote:" },
        { "ko", $"2024년 3월 14일 (목) 오후 3:10, {Support}님이 작성:" },
        { "ja", $"2024年3月14日(木) 15:10 {Support}:" },
        { "ja", "2024/03/14 15:10、Acme Supportさんが書きました:" },
        { "zh-CN", $"{Support} 于2024年3月14日周四 15:10写道：" },
        { "zh-TW", $"{Support} 於 2024年3月14日 週四 下午3:10寫道：" },
        { "es", $"El jue, 14 mar 2024 a las 15:10, Acme Support (<support+abcdefghijklmnopqrstuvwxyz@parley.example>) escribió:" },
        { "fr", $"Le jeu. 14 mars 2024 à 15:10, {Support} a écrit :" },
        { "de", $"Am Do., 14. März 2024 um 15:10 Uhr schrieb {Support}:" },
        { "pt-BR", $"Em qui., 14 de mar. de 2024 às 15:10, {Support} escreveu:" },
        { "pt-PT", $"{Support} escreveu (quinta, 14/03/2024 à(s) 15:10):" },
        { "it", $"Il giorno gio 14 mar 2024 alle ore 15:10 {Support} ha scritto:" },
        { "nl", $"Op do 14 mrt 2024 om 15:10 schreef {Support}:" },
        { "ru", $"чт, 14 мар. 2024 г. в 15:10, {Support}:" },
        { "ru", "14.03.2024 15:10, Acme Support пишет:" },
        { "pl", $"czw., 14 mar 2024 o 15:10 {Support} napisał(a):" },
        { "tr", $"{Support}, 14 Mar 2024 Per, 15:10 tarihinde şunu yazdı:" },
        { "sv", $"Den tors 14 mars 2024 kl 15:10 skrev {Support}:" },
        { "da", $"Den tor. 14. mar. 2024 kl. 15.10 skrev {Support}:" },
        { "nb", $"tor. 14. mar. 2024 kl. 15:10 skrev {Support}:" },
        { "fi", $"to 14.3.2024 klo 15.10 Acme Support (<support+abcdefghijklmnopqrstuvwxyz@parley.example>) kirjoitti:" },
        { "cs", $"čt 14. 3. 2024 v 15:10 odesílatel {Support} napsal:" },
        { "hu", $"{Support} ezt írta (időpont: 2024. márc. 14., Cs, 15:10):" },
        { "ro", $"joi, 14 mar. 2024 la 15:10 {Support} a scris:" },
        { "el", $"Στις Πέμ 14 Μαρ 2024 στις 3:10 μ.μ., ο/η {Support} έγραψε:" },
        { "uk", $"чт, 14 бер. 2024 р. о 15:10 {Support} пише:" },
        { "id", $"Pada tanggal Kam, 14 Mar 2024 pukul 15.10 {Support} menulis:" },
        { "th", $"เมื่อ พฤ. 14 มี.ค. 2024 เวลา 15:10 {Support} เขียนว่า:" },
        { "vi", $"Vào Th 5, 14 thg 3, 2024 vào lúc 15:10 {Support} đã viết:" },
        { "hi", $"गुरु, 14 मार्च 2024 को 3:10 pm बजे {Support} ने लिखा:" },
        { "ar", "\u202Bفي الخميس، 14 مارس 2024 في 3:10 م تمت كتابة ما يلي بواسطة \u202AAcme Support\u202C\u200F <\u202Asupport+abcdefghijklmnopqrstuvwxyz@parley.example\u202C\u200F>:\u202C" },
        { "ar", "في 14 مارس 2024، الساعة 3:10 م، كتب Acme Support <support@parley.example>:" },
        { "he", "\u202Bבתאריך יום ה׳, 14 במרץ 2024 ב-15:10 מאת \u202AAcme Support\u202C\u200F <\u202Asupport+abcdefghijklmnopqrstuvwxyz@parley.example\u202C\u200F>:\u202C" },
    };

    // The From/Sent/To/Subject labels of Outlook's header block, per language.
    public static TheoryData<string, string[]> OutlookLabels => new()
    {
        { "en", ["From", "Sent", "To", "Subject"] },
        { "ko", ["보낸 사람", "보낸 날짜", "받는 사람", "제목"] },
        { "ja", ["差出人", "送信日時", "宛先", "件名"] },
        { "zh-CN", ["发件人", "发送时间", "收件人", "主题"] },
        { "zh-TW", ["寄件者", "寄件日期", "收件者", "主旨"] },
        { "es", ["De", "Enviado", "Para", "Asunto"] },
        { "fr", ["De ", "Envoyé ", "À ", "Objet "] },
        { "de", ["Von", "Gesendet", "An", "Betreff"] },
        { "pt-BR", ["De", "Enviado", "Para", "Assunto"] },
        { "pt-PT", ["De", "Enviada", "Para", "Assunto"] },
        { "it", ["Da", "Inviato", "A", "Oggetto"] },
        { "nl", ["Van", "Verzonden", "Aan", "Onderwerp"] },
        { "ru", ["От", "Отправлено", "Кому", "Тема"] },
        { "pl", ["Od", "Wysłane", "Do", "Temat"] },
        { "tr", ["Kimden", "Gönderildi", "Kime", "Konu"] },
        { "sv", ["Från", "Skickat", "Till", "Ämne"] },
        { "da", ["Fra", "Sendt", "Til", "Emne"] },
        { "nb", ["Fra", "Sendt", "Til", "Emne"] },
        { "fi", ["Lähettäjä", "Lähetetty", "Vastaanottaja", "Aihe"] },
        { "cs", ["Od", "Odesláno", "Komu", "Předmět"] },
        { "hu", ["Feladó", "Elküldve", "Címzett", "Tárgy"] },
        { "ro", ["De la", "Trimis", "Către", "Subiect"] },
        { "el", ["Από", "Στάλθηκε", "Προς", "Θέμα"] },
        { "uk", ["Від", "Надіслано", "Кому", "Тема"] },
        { "id", ["Dari", "Dikirim", "Kepada", "Subjek"] },
        { "th", ["จาก", "ส่ง", "ถึง", "เรื่อง"] },
        { "vi", ["Từ", "Đã gửi", "Đến", "Chủ đề"] },
        { "hi", ["प्रेषक", "भेजा गया", "प्रति", "विषय"] },
        { "ar", ["من", "تم الإرسال", "إلى", "الموضوع"] },
        { "he", ["מאת", "נשלח", "אל", "נושא"] },
    };

    public static TheoryData<string, string> MobileSignatures => new()
    {
        { "en", "Sent from my iPhone" },
        { "en", "Sent from my Galaxy" },
        { "en", "Sent from Yahoo Mail for iPhone" },
        { "en", "Get Outlook for Android (https://aka.ms/AAb9ysg)" },
        { "ko", "iPhone에서 보냄" },
        { "ja", "iPhoneから送信" },
        { "zh-CN", "发自我的iPhone" },
        { "zh-TW", "從我的 iPhone 傳送" },
        { "es", "Enviado desde mi iPhone" },
        { "fr", "Envoyé de mon iPhone" },
        { "fr", "Télécharger Outlook pour iOS<https://aka.ms/o0ukef>" },
        { "de", "Von meinem iPhone gesendet" },
        { "pt-BR", "Enviado do meu iPhone" },
        { "pt-PT", "Enviado a partir do meu iPhone" },
        { "it", "Inviato da iPhone" },
        { "nl", "Verstuurd vanaf mijn iPhone" },
        { "ru", "Отправлено с iPhone" },
        { "pl", "Wysłane z iPhone'a" },
        { "tr", "iPhone'umdan gönderildi" },
        { "sv", "Skickat från min iPhone" },
        { "da", "Sendt fra min iPhone" },
        { "nb", "Sendt fra min iPhone" },
        { "fi", "Lähetetty iPhonesta" },
        { "cs", "Odesláno z iPhonu" },
        { "hu", "iPhone-ról küldve" },
        { "ro", "Trimis de pe iPhone-ul meu" },
        { "el", "Στάλθηκε από το iPhone μου" },
        { "uk", "Надіслано з iPhone" },
        { "id", "Dikirim dari iPhone saya" },
        { "th", "ส่งจาก iPhone ของฉัน" },
        { "vi", "Được gửi từ iPhone của tôi" },
        { "hi", "मेरे iPhone से भेजा गया" },
        { "ar", "أُرسلت من الـ iPhone" },
        { "he", "נשלח מה-iPhone שלי" },
    };

    [Theory]
    [MemberData(nameof(Attributions))]
    public void The_attribution_line_and_the_quote_below_it_are_cut(string language, string attribution)
    {
        var text = $"The new text ({language}).\n\n{attribution}\n\n{Quote}\n";

        Assert.Equal($"The new text ({language}).", ReplyTrimmer.Trim(text));
    }

    [Theory]
    [MemberData(nameof(OutlookLabels))]
    public void An_outlook_header_block_and_the_unquoted_email_below_it_are_cut(string language, string[] labels)
    {
        var text = $"""
            The new text ({language}).

            ________________________________
            {labels[0]}: {Support}
            {labels[1]}: 14.03.2024 15:10
            {labels[2]}: Jane Doe <jane@example.com>
            {labels[3]}: Your conversation with Acme (#42)

            Hi Jane,
            Thanks for waiting.
            """;

        Assert.Equal($"The new text ({language}).", ReplyTrimmer.Trim(text));
    }

    [Theory]
    [MemberData(nameof(MobileSignatures))]
    public void A_mobile_signature_at_the_end_is_cut(string language, string signature)
    {
        var text = $"The new text ({language}).\n\n{signature}\n";

        Assert.Equal($"The new text ({language}).", ReplyTrimmer.Trim(text));
    }

    [Fact]
    public void Every_shipped_language_has_a_row_with_every_kind_of_marker()
    {
        string[] shipped =
        [
            "en", "ko", "ja", "zh-CN", "zh-TW", "es", "fr", "de", "pt-BR", "pt-PT", "it", "nl", "ru", "pl", "tr", "sv", "da",
            "nb", "fi", "cs", "hu", "ro", "el", "uk", "id", "th", "vi", "hi", "ar", "he",
        ];

        Assert.Equal(shipped.Order(), ReplyLanguages.All.Select(l => l.Code).Where(c => c != "*").Order());
        Assert.All(ReplyLanguages.All.Where(l => l.Code != "*"), l =>
        {
            Assert.NotEmpty(l.Wrote);
            Assert.NotEmpty(l.From);
            Assert.NotEmpty(l.Fields);
            Assert.NotEmpty(l.Original);
            Assert.NotEmpty(l.SentFrom);
        });
        Assert.All(Attributions.Select(row => (string)row[0]), code => Assert.Contains(code, shipped));
        Assert.Equal(shipped.Order(), OutlookLabels.Select(row => (string)row[0]).Order());
        Assert.Equal(shipped.Order(), MobileSignatures.Select(row => (string)row[0]).Distinct().Order());
    }
}
