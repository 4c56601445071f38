using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Parley.Core.Email.Inbound;

namespace Parley.Core.Tests.Email.Inbound;

internal static class MimeCharsetsSetup
{
    /// <summary>Tests may parse mail before they touch Parley.Core, and MimeKit reads its charsets only once.</summary>
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "A test assembly, run as a whole.")]
    internal static void Register() => MimeCharsets.Register();
}
