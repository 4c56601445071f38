namespace Parley.Core.Email.Outbound;

/// <summary>Marks a failure as happening while signing in, which is always ours to fix and never the message's fault.</summary>
internal sealed class SmtpSignInException(Exception inner) : Exception(inner.Message, inner);
