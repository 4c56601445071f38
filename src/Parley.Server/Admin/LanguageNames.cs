using System.Globalization;

namespace Parley.Server.Admin;

/// <summary>How the admin center names a shipped language: in that language, with its tag, e.g. "한국어 (ko)".</summary>
public static class LanguageNames
{
    public static string Of(string tag) => $"{CultureInfo.GetCultureInfo(tag).NativeName} ({tag})";
}
