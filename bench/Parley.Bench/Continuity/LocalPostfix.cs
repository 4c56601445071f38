using System.Globalization;

namespace Parley.Bench.Continuity;

/// <summary>
/// A private Postfix for the continuity mode (INFRA.md, "A real mail loop"), in a temporary folder on a free
/// loopback port, that accepts mail for any address from loopback and hands it to the <c>discard</c>
/// transport. What the benchmark measures is Postfix's acceptance (its 250 after DATA, once the queue file
/// is safely written), for Parley and the raw baseline alike; the discard sink keeps the mail it accepted
/// from piling up in the queue and slowing the later runs, and leaves the CPU to the senders.
/// </summary>
internal sealed class LocalPostfix : IDisposable
{
    private const string Program = "/usr/sbin/postfix";
    private readonly string _folder;
    private int _stopped;

    private LocalPostfix(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public string Host => "127.0.0.1";
    public int Port { get; }
    public string Version { get; private set; } = "";
    private int MasterPid { get; set; }

    private string ConfigFolder => Path.Combine(_folder, "postfix");
    private string Spool => Path.Combine(_folder, "spool");

    public static async Task<LocalPostfix> StartAsync(CancellationToken ct)
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !File.Exists(Program))
        {
            throw new InvalidOperationException("The continuity mode needs root and the postfix package (./test.sh installs it).");
        }
        var folder = Path.Combine(Path.GetTempPath(), "parley-bench-mail-" + Guid.NewGuid().ToString("N")[..8]);
        var postfix = new LocalPostfix(folder, Processes.FreePort());
        Directory.CreateDirectory(postfix.ConfigFolder);
        Directory.CreateDirectory(postfix.Spool);
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        // Postfix's own processes run as the postfix user: they must reach their folders through ours.
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        await File.WriteAllTextAsync(Path.Combine(postfix.ConfigFolder, "main.cf"), postfix.MainCf(), ct);
        await File.WriteAllTextAsync(Path.Combine(postfix.ConfigFolder, "master.cf"), postfix.MasterCf(), ct);
        // Postfix rereads a config file changed within the last second, waiting for it in 300 ms steps; backdated, it does not.
        foreach (var file in Directory.EnumerateFiles(postfix.ConfigFolder))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-1));
        }
        await Processes.RunAsync("chown", ["postfix", Path.Combine(folder, "data")], ct);
        try
        {
            await Processes.RunAsync(Program, ["-c", postfix.ConfigFolder, "start"], ct);
            postfix.Version = (await Processes.RunAsync("/usr/sbin/postconf", ["-c", postfix.ConfigFolder, "-h", "mail_version"], ct)).Trim();
            // The master keeps its pid file locked, and .NET's own file reads take a lock that conflicts; cat takes none.
            var pid = await Processes.RunAsync("cat", [Path.Combine(postfix.Spool, "pid", "master.pid")], ct);
            postfix.MasterPid = int.Parse(pid.Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
        }
        catch
        {
            postfix.Dispose();
            throw;
        }
        return postfix;
    }

    /// <summary>CPU seconds used so far by Postfix's master and its services (smtpd, cleanup, qmgr, discard ...), exited ones included.</summary>
    public double CpuSeconds() => ProcStat.TreeCpuSeconds(MasterPid);

    /// <summary>Mail accepted but not yet discarded; a run waits for none before the next starts, so none pays for the last.</summary>
    public int QueuedFiles() => new[] { "incoming", "active", "deferred", "maildrop" }
        .Select(q => Path.Combine(Spool, q))
        .Where(Directory.Exists)
        .Sum(q => Directory.EnumerateFiles(q, "*", SearchOption.AllDirectories).Count());

    public async Task WaitForEmptyQueueAsync(CancellationToken ct)
    {
        for (var i = 0; i < 600 && QueuedFiles() > 0; i++)
        {
            await Task.Delay(100, ct);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }
        try
        {
            Processes.RunAsync(Program, ["-c", ConfigFolder, "stop"], CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"Stopping Postfix failed: {e.Message}");
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A Postfix process still finishing; the folder is in the temp folder.
        }
    }

    private string MainCf() => string.Create(CultureInfo.InvariantCulture, $"""
        compatibility_level = 3.6
        queue_directory = {Spool}
        data_directory = {Path.Combine(_folder, "data")}
        maillog_file = {Path.Combine(_folder, "postfix.log")}
        maillog_file_prefixes = {_folder}
        myhostname = mail.parley.test
        mydomain = parley.test
        inet_interfaces = 127.0.0.1
        inet_protocols = ipv4
        mynetworks = 127.0.0.0/8
        mydestination =
        local_recipient_maps =
        alias_maps =
        alias_database =
        relay_domains =
        biff = no
        smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
        smtp_dns_support_level = disabled
        default_transport = discard:benchmark sink
        relay_transport = discard:benchmark sink
        smtpd_error_sleep_time = 0

        """);

    // The stock services, none chrooted (the config lives outside any chroot).
    private string MasterCf() => string.Create(CultureInfo.InvariantCulture, $"""
        127.0.0.1:{Port} inet n - n - - smtpd
        pickup unix n - n 60 1 pickup
        cleanup unix n - n - 0 cleanup
        qmgr unix n - n 300 1 qmgr
        rewrite unix - - n - - trivial-rewrite
        bounce unix - - n - 0 bounce
        defer unix - - n - 0 bounce
        trace unix - - n - 0 bounce
        verify unix - - n - 1 verify
        flush unix n - n 1000? 0 flush
        proxymap unix - - n - - proxymap
        showq unix n - n - - showq
        error unix - - n - - error
        retry unix - - n - - error
        discard unix - - n - - discard
        anvil unix - - n - 1 anvil
        scache unix - - n - 1 scache
        postlog unix-dgram n - n - 1 postlogd

        """);
}
