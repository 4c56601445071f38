using System.Globalization;

namespace Parley.Server.Workspace;

/// <summary>How the workspace writes times: in the agent's language, short when it is today.</summary>
public static class WorkspaceFormat
{
    // The server's time zone stands in for the agent's until agents can choose theirs.
    public static string Time(DateTimeOffset at, TimeProvider clock)
    {
        var local = at.ToLocalTime();
        var today = clock.GetUtcNow().ToLocalTime().Date;
        return local.ToString(local.Date == today ? "t" : "g", CultureInfo.CurrentCulture);
    }

    /// <summary>A file size as people read it: "820 B", "14 KB", "2.5 MB" (decimal separator of the agent's language).</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.CurrentCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.CurrentCulture, $"{Math.Max(1, Math.Round(bytes / 1024d)):0} KB"),
        _ => string.Create(CultureInfo.CurrentCulture, $"{bytes / (1024d * 1024):0.#} MB"),
    };
}
