using System.Globalization;

namespace Parley.Bench;

/// <summary>Reads Linux /proc: resident memory and CPU time of processes, and the machine's description.</summary>
internal static class ProcStat
{
    /// <summary>USER_HZ: the unit of utime and stime in /proc/PID/stat, 100 on Linux.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>Resident set size in KB (VmRSS), or 0 if the process is gone.</summary>
    public static long RssKb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>User plus system CPU seconds used so far by the given processes (those still alive).</summary>
    public static double CpuSeconds(IEnumerable<int> pids) => pids.Sum(pid => Fields(pid) is { } f
        ? (long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)) / TicksPerSecond
        : 0);

    /// <summary>CPU seconds all processes of the machine spent busy (everything but idle and iowait), from /proc/stat.</summary>
    public static double MachineBusySeconds()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            // user nice system idle iowait irq softirq steal (guest time is already inside user)
            return (fields.Take(8).Sum() - fields[3] - fields[4]) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>
    /// CPU seconds of a process and all its children, including children that already exited (the parent's
    /// cutime and cstime count those once it has reaped them), e.g. PostgreSQL's backends.
    /// </summary>
    public static double TreeCpuSeconds(int root)
    {
        if (Fields(root) is not { } f)
        {
            return 0;
        }
        var own = f.Skip(11).Take(4).Sum(v => long.Parse(v, CultureInfo.InvariantCulture)) / TicksPerSecond;
        return own + CpuSeconds(Children(root));
    }

    public static IEnumerable<int> Children(int parent)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) &&
                Fields(pid) is { } f && f[1] == parent.ToString(CultureInfo.InvariantCulture))
            {
                yield return pid;
            }
        }
    }

    /// <summary>
    /// The fields of /proc/PID/stat after the command name: [0] state, [1] ppid, ... [11] utime, [12] stime,
    /// [13] cutime, [14] cstime (of reaped children).
    /// </summary>
    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>This process's soft limit on open files (RLIMIT_NOFILE), which the server inherits.</summary>
    public static long? OpenFilesLimit()
    {
        var line = ReadFirst("/proc/self/limits", "Max open files");
        var soft = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return long.TryParse(soft, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    public static string CpuModel() =>
        ReadFirst("/proc/cpuinfo", "model name")?.Split(':', 2)[1].Trim() ?? "unknown";

    public static string MemoryTotal()
    {
        var line = ReadFirst("/proc/meminfo", "MemTotal:");
        if (line is null)
        {
            return "unknown";
        }
        var kb = long.Parse(line["MemTotal:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{kb / 1024.0 / 1024.0:F1} GiB");
    }

    private static string? ReadFirst(string file, string prefix)
    {
        try
        {
            return File.ReadLines(file).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return null;
        }
    }
}

/// <summary>CPU used by the server, PostgreSQL and the load generator over one measured window.</summary>
internal sealed class CpuWindow
{
    private readonly Func<double> _server;
    private readonly Func<double> _postgres;
    private readonly double _serverStart;
    private readonly double _postgresStart;
    private readonly double _selfStart;
    private readonly double _machineStart;
    private readonly long _started;

    /// <param name="server">CPU seconds the server has used so far.</param>
    /// <param name="postgres">CPU seconds PostgreSQL (all its processes) has used so far.</param>
    public CpuWindow(Func<double> server, Func<double> postgres)
    {
        _server = server;
        _postgres = postgres;
        _serverStart = server();
        _postgresStart = postgres();
        _selfStart = Environment.CpuUsage.TotalTime.TotalSeconds;
        _machineStart = ProcStat.MachineBusySeconds();
        _started = System.Diagnostics.Stopwatch.GetTimestamp();
    }

    /// <summary>Cores used on average by each, over the window so far.</summary>
    public CpuShare Stop()
    {
        var wall = System.Diagnostics.Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var server = (_server() - _serverStart) / wall;
        var postgres = (_postgres() - _postgresStart) / wall;
        var self = (Environment.CpuUsage.TotalTime.TotalSeconds - _selfStart) / wall;
        var machine = (ProcStat.MachineBusySeconds() - _machineStart) / wall;
        return new CpuShare(server, postgres, self, Math.Max(0, machine - server - postgres - self));
    }
}

/// <summary>
/// Average cores busy: 1.0 is one core fully used. <see cref="Other"/> is the rest of the machine
/// (kernel work not charged to a process, and anything else running): high values mean a noisy run.
/// </summary>
internal sealed record CpuShare(double Server, double Postgres, double LoadGenerator, double Other)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"server {Server:F2}, PostgreSQL {Postgres:F2}, load generator {LoadGenerator:F2}, other {Other:F2} (of {Environment.ProcessorCount} cores)");
}
