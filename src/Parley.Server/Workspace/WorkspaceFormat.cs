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
}
