using MailKit.Net.Smtp;
using MimeKit;

namespace Parley.Core.Email.Outbound;

/// <summary>
/// An SmtpClient that notes refused recipients instead of abandoning the message at the first one, so a
/// message with several recipients still reaches those the server accepts.
/// </summary>
internal sealed class RecordingSmtpClient : SmtpClient
{
    private readonly List<(MailboxAddress Mailbox, SmtpResponse Response)> _refused = [];

    public IReadOnlyList<(MailboxAddress Mailbox, SmtpResponse Response)> Refused => _refused;

    public void ForgetRefusals() => _refused.Clear();

    protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response) =>
        _refused.Add((mailbox, response));

    // Every recipient was refused: report the first refusal the way MailKit would have without the override.
    protected override void OnNoRecipientsAccepted(MimeMessage message)
    {
        var (mailbox, response) = _refused[0];
        throw new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, response.StatusCode, mailbox, response.Response);
    }
}
