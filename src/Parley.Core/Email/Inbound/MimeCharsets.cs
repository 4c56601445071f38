using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace Parley.Core.Email.Inbound;

/// <summary>
/// Lets MimeKit decode mail in legacy charsets: ISO-2022-JP (much Japanese mail), GB2312/GBK, Big5, EUC-KR,
/// KOI8-R, windows-125x. .NET has only the Unicode and Latin-1 encodings until the code pages provider is
/// registered, and MimeKit reads the list of encodings once, the first time it decodes anything; without
/// this a Japanese "自動応答:" subject arrives as "$B&lt;+F01~Ez(B:".
/// </summary>
public static class MimeCharsets
{
    /// <summary>Registers the code pages encodings; safe to call any number of times. Call it before parsing the first message.</summary>
    public static void Register() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Parley.Core is loaded (the host registers its services) before any mail is read, so this runs early enough.</summary>
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "The registration must precede MimeKit's first use anywhere in the process; Parley.Core is the library that reads mail.")]
    internal static void OnLoad() => Register();
}
