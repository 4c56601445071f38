namespace Parley.Core.Email.Inbound.Trimming;

/// <summary>The reply markers of the 30 shipped languages (PRODUCT.md §9), one row per language.</summary>
/// <remarks>
/// The forms come from what Gmail, Outlook (desktop, web, mobile), Apple Mail, Thunderbird, Yahoo and Samsung
/// Email write in each language. All rows are applied to every email: a French customer may use an English
/// phone. Adding a language is adding a row; a test reads every row.
/// </remarks>
internal static class ReplyLanguages
{
    public static readonly ReplyLanguage[] All =
    [
        new("en", [@"On .+ wrote ?:", @"At .+ wrote ?:", @".+ wrote on .+:", @"In message .+ writes ?:"], ["From"], ["Sent", "Date", "To", "Cc", "Bcc", "Subject", "Reply-To"], ["Original Message", "Reply Message", "Forwarded message", "Forwarded Message"], [@"Sent from my .+", @"Sent from (Yahoo Mail|Mail|Outlook|AOL|Proton Mail|ProtonMail|Gmail|Samsung|Huawei|Zoho Mail|Spark|Edison Mail|BlueMail|myMail)( .+)?", @"Sent via .+", @"Sent with Proton Mail.*", @"(Get|Download) Outlook for .+"]),
        new("ko", [@".+님이 작성(하였습니다|했습니다)? ?:", @".+ 작성 ?:", @".+ 쓴 글 ?:"], ["보낸 사람", "보낸사람", "발신", "발신자"], ["보낸 날짜", "날짜", "받는 사람", "받는사람", "수신", "수신자", "참조", "제목"], ["원본 메시지", "원본 이메일", "원래 메시지"], [@".+에서 보냄", @".+에서 보냈습니다\.?", @".+용 Outlook (다운로드|받기)"]),
        new("ja", [@".+(が|さんは)書きました ?[:：]", @".+のメール ?[:：]", @".+のメッセージ ?[:：]"], ["差出人", "送信者", "送信元"], ["送信日時", "日付", "宛先", "CC", "件名"], ["元のメッセージ", "オリジナル メッセージ"], [@".+から送信", @".+用 ?(の )?Outlook ?を入手"]),
        new("zh-CN", [@".+写道 ?[:：]"], ["发件人"], ["发送时间", "日期", "时间", "收件人", "抄送", "主题"], ["原始邮件", "邮件原件", "原始消息"], [@"发自我的.+", @"从我的.+发送", @"发送自.+", @"获取 ?.+版 ?Outlook"]),
        new("zh-TW", [@".+寫道 ?[:：]"], ["寄件者", "寄件人"], ["寄件日期", "傳送時間", "日期", "收件者", "收件人", "副本", "主旨"], ["原始郵件", "原始訊息"], [@"從我的.+(傳送|寄出)", @"寄自我的.+", @"取得 ?.+版 ?Outlook"]),
        new("es", [@"El .+ escribió ?:", @".+ escribió ?:"], ["De"], ["Enviado", "Enviado el", "Fecha", "Para", "CC", "Asunto"], ["Mensaje original", "Mensaje reenviado"], [@"Enviado desde .+", @"(Obtener|Descargar) Outlook para .+"]),
        new("fr", [@"Le .+ a écrit ?:", @".+ a écrit ?:"], ["De", "Expéditeur"], ["Envoyé", "Envoyé le", "Date", "À", "A", "Cc", "Objet", "Destinataire"], ["Message d'origine", "Message d’origine", "Message original", "Message transféré"], [@"Envoyé (de|depuis|à partir de) .+", @"(Télécharger|Obtenir) Outlook pour .+"]),
        new("de", [@"Am .+ schrieb .+:", @".+ schrieb am .+:", @".+ schrieb ?:"], ["Von"], ["Gesendet", "Datum", "An", "Cc", "Betreff"], ["Ursprüngliche Nachricht", "Originalnachricht", "Original-Nachricht", "Weitergeleitete Nachricht"], [@"Von meinem .+ gesendet\.?", @"Von .+ gesendet", @"Gesendet (von|mit) .+", @"Outlook für .+ herunterladen", @"Holen Sie sich Outlook für .+"]),
        new("pt-BR", [@"Em .+ escreveu ?:", @".+ escreveu( \(.+\))? ?:"], ["De"], ["Enviado", "Enviada", "Enviado em", "Enviada em", "Data", "Para", "Cc", "Assunto"], ["Mensagem original"], [@"Enviado do meu .+", @"Enviado (do|de|pelo) .+", @"(Obter o|Obtenha o|Baixe o) Outlook para .+"]),
        new("pt-PT", [@"No dia .+ escreveu ?:", @"A .+ escreveu ?:"], ["De"], ["Enviada", "Enviado", "Data", "Para", "Cc", "Assunto"], ["Mensagem original"], [@"Enviado a partir do .+", @"Obter o Outlook para .+"]),
        new("it", [@"Il .+ ha scritto ?:", @".+ ha scritto ?:"], ["Da"], ["Inviato", "Data", "A", "Cc", "Oggetto"], ["Messaggio originale"], [@"Inviato da .+", @"Inviato dal mio .+", @"(Scarica|Ottieni) Outlook per .+"]),
        new("nl", [@"Op .+ schreef .+:", @"Op .+ het volgende geschreven ?:", @".+ schreef ?:"], ["Van"], ["Verzonden", "Datum", "Aan", "CC", "Onderwerp"], ["Oorspronkelijk bericht", "Origineel bericht"], [@"Verzonden (vanaf|met) .+", @"Verstuurd vanaf .+", @"Outlook voor .+ downloaden", @"Download Outlook voor .+"]),
        new("ru", [@".+ пишет ?:", @".+ написал(\(а\)|а)? ?:"], ["От", "От кого"], ["Отправлено", "Дата", "Кому", "Копия", "Тема"], ["Исходное сообщение", "Оригинальное сообщение"], [@"Отправлено (с|из) .+", @"Получить Outlook для .+"]),
        new("pl", [@".+ napisał(\(a\)|a)? ?:", @"W dniu .+ pisze ?:", @"Wiadomość napisana przez .+:"], ["Od"], ["Wysłano", "Wysłane", "Data", "Do", "DW", "Temat"], ["Oryginalna wiadomość", "Wiadomość oryginalna"], [@"Wysłane z .+", @"Wysłano z .+", @"Pobierz Outlook dla .+"]),
        new("tr", [@".+ (şunu |şunları )?yazdı ?:"], ["Kimden"], ["Gönderildi", "Gönderilme", "Tarih", "Kime", "Bilgi", "Konu"], ["Özgün İleti", "Özgün ileti", "Orijinal mesaj", "Orijinal İleti"], [@".+(dan|den|tan|ten) gönderildi\.?", @".+ için Outlook('u|’u) (edinin|indirin)"]),
        new("sv", [@".+ skrev .+:"], ["Från"], ["Skickat", "Datum", "Till", "Kopia", "Ämne"], ["Ursprungligt meddelande", "Originalmeddelande"], [@"Skickat från .+", @"Hämta Outlook för .+"]),
        new("da", [@".+ skrev .+:"], ["Fra"], ["Sendt", "Dato", "Til", "Cc", "Emne"], ["Oprindelig meddelelse", "Original meddelelse", "Oprindelig besked"], [@"Sendt fra .+", @"(Hent|Få) Outlook til .+"]),
        new("nb", [@".+ skrev .+:"], ["Fra"], ["Sendt", "Dato", "Til", "Kopi", "Emne"], ["Opprinnelig melding", "Originalmelding", "Original melding"], [@"Sendt fra .+", @"(Få|Hent) Outlook for .+"]),
        new("fi", [@".+ kirjoitti ?:"], ["Lähettäjä"], ["Lähetetty", "Päivämäärä", "Vastaanottaja", "Kopio", "Aihe"], ["Alkuperäinen viesti"], [@"Lähetetty .+", @"Hanki Outlook .+"]),
        new("cs", [@".+ napsal(\(a\)|a)? ?:", @"Dne .+ napsal.*:"], ["Od"], ["Odesláno", "Datum", "Komu", "Kopie", "Předmět"], ["Původní zpráva", "Původní e-mail"], [@"Odesláno ze? .+", @"(Stáhněte si|Získat) Outlook pro .+"]),
        new("hu", [@".+ ezt írta \(.+\) ?:", @".+ írta ?:"], ["Feladó"], ["Elküldve", "Küldve", "Dátum", "Címzett", "Másolatot kap", "Másolat", "Tárgy"], ["Eredeti üzenet"], [@".+(ról|ről) küldve", @"Küldve .+(ról|ről)", @"Töltse le az Outlook .+"]),
        new("ro", [@".+ a scris ?:"], ["De la", "De"], ["Trimis", "Dată", "Data", "Către", "Cc", "Subiect"], ["Mesaj original", "Mesajul original"], [@"Trimis (de pe|din) .+", @"(Obțineți|Descărcați) Outlook pentru .+"]),
        new("el", [@".+ έγραψε ?:"], ["Από"], ["Στάλθηκε", "Ημερομηνία", "Προς", "Κοιν.", "Θέμα"], ["Αρχικό μήνυμα"], [@"(Στάλθηκε|Εστάλη) από .+", @"Λήψη του Outlook για .+"]),
        new("uk", [@".+ пише ?:", @".+ написав(\(-ла\)|\(ла\)|ла)? ?:", @".+ написала ?:"], ["Від"], ["Надіслано", "Відправлено", "Дата", "Кому", "Копія", "Тема"], ["Оригінальне повідомлення", "Початкове повідомлення", "Вихідне повідомлення"], [@"(Надіслано|Відправлено) з .+", @"Отримати Outlook для .+"]),
        new("id", [@".+ menulis ?:"], ["Dari"], ["Dikirim", "Tanggal", "Kepada", "Cc", "Subjek", "Perihal"], ["Pesan Asli"], [@"Dikirim dari .+", @"Dapatkan Outlook untuk .+"]),
        new("th", [@".+ ?เขียนว่า ?:"], ["จาก"], ["ส่ง", "ส่งเมื่อ", "วันที่", "ถึง", "สำเนาถึง", "เรื่อง"], ["ข้อความต้นฉบับ"], [@"ส่งจาก ?.+", @"รับ Outlook สำหรับ .+"]),
        new("vi", [@".+ đã viết ?:"], ["Từ"], ["Đã gửi", "Gửi", "Ngày", "Đến", "Tới", "Cc", "Chủ đề", "Tiêu đề"], ["Thư gốc", "Tin nhắn gốc"], [@"(Được gửi|Gửi) từ .+", @"(Tải|Nhận) Outlook cho .+"]),
        new("hi", [@".+ ने लिखा ?:"], ["प्रेषक"], ["भेजा गया", "दिनांक", "तारीख", "प्रति", "विषय"], ["मूल संदेश"], [@".+ से भेजा गया", @".+ के लिए Outlook (प्राप्त करें|डाउनलोड करें)"]),
        new("ar", [@".+ كتب .+:", @".+ تمت كتابة ما يلي بواسطة .+:"], ["من"], ["تم الإرسال", "أُرسل", "أرسل", "التاريخ", "إلى", "نسخة", "الموضوع"], ["الرسالة الأصلية"], [@"(أُ|أ|ا)رسلت? من .+", @"تم الإرسال من .+", @"احصل على Outlook .+"]),
        new("he", [@"בתאריך .+ מאת .+:", @".+ כתב(/ה|ה)? ?:"], ["מאת"], ["נשלח", "תאריך", "אל", "עותק", "נושא"], ["הודעה מקורית"], [@"נשלח מ.+", @"קבל את Outlook עבור .+"]),
        // Gmail in Japanese, Russian and others writes no verb at all: "2024年3月14日(木) 15:10 Name <address>:".
        new("*", [@".*\d.*<[^<>\s]+@[^<>\s]+> ?[:：]"], [], [], [], []),
    ];
}
