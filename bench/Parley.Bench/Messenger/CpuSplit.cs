using System.Globalization;

namespace Parley.Bench.Messenger;

/// <summary>Average busy cores over a window: the server, the browser side, and the rest of the machine.</summary>
/// <param name="Browser">This benchmark with its descendants: the Playwright driver and every Chromium process.</param>
internal sealed record CpuSplit(double Server, double Browser, double Other)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Server:F2} / {Browser:F2} / {Other:F2}");

    /// <summary>Starts a window; the returned function ends it.</summary>
    public static Func<CpuSplit> Start(int serverPid)
    {
        var self = Environment.ProcessId;
        var started = DateTime.UtcNow;
        var machine = ProcStat.MachineBusySeconds();
        var server = TreeSeconds(serverPid, null);
        var browser = TreeSeconds(self, serverPid);
        return () =>
        {
            var seconds = (DateTime.UtcNow - started).TotalSeconds;
            var s = (TreeSeconds(serverPid, null) - server) / seconds;
            var b = (TreeSeconds(self, serverPid) - browser) / seconds;
            var all = (ProcStat.MachineBusySeconds() - machine) / seconds;
            return new CpuSplit(s, b, Math.Max(0, all - s - b));
        };
    }

    /// <summary>
    /// CPU seconds of a process and all its descendants, with the children each has already reaped (cutime,
    /// cstime), leaving out the subtree of <paramref name="except"/>.
    /// </summary>
    private static double TreeSeconds(int root, int? except)
    {
        var parents = new Dictionary<int, List<int>>();
        var seconds = new Dictionary<int, double>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ppid = int.Parse(f[1], CultureInfo.InvariantCulture);
                (parents.TryGetValue(ppid, out var list) ? list : parents[ppid] = []).Add(pid);
                seconds[pid] = f.Skip(11).Take(4).Sum(v => long.Parse(v, CultureInfo.InvariantCulture)) / 100.0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile.
            }
        }
        var total = 0.0;
        var queue = new Queue<int>([root]);
        while (queue.TryDequeue(out var pid))
        {
            if (pid == except)
            {
                continue;
            }
            total += seconds.GetValueOrDefault(pid);
            foreach (var child in parents.GetValueOrDefault(pid) ?? [])
            {
                queue.Enqueue(child);
            }
        }
        return total;
    }
}
