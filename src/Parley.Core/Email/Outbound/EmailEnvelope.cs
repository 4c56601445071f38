using MimeKit;

namespace Parley.Core.Email.Outbound;

/// <summary>
/// Who a continuation email is from and to, and the ids that thread it with the conversation's earlier emails.
/// Message ids are given without angle brackets; <see cref="ThreadRootId"/> is a stable per-conversation id that is
/// never itself sent, so even the first email has a parent to thread under.
/// </summary>
public sealed record EmailEnvelope(
    MailboxAddress From,
    MailboxAddress To,
    MailboxAddress ReplyTo,
    string MessageId,
    string ThreadRootId,
    IReadOnlyList<string> EarlierMessageIds,
    string UnsubscribeUrl,
    DateTimeOffset Date);

/// <summary>DKIM signing for outbound mail: the signing domain, the selector its public key is published under, and the RSA private key as PEM.</summary>
public sealed record DkimSettings(string Domain, string Selector, string PrivateKeyPem)
{
    // The key stays out of logs and exception messages that print the settings.
    public override string ToString() => $"DkimSettings {{ Domain = {Domain}, Selector = {Selector} }}";
}
