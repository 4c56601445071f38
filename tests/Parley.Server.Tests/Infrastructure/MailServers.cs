using Parley.Core.Email.Outbound;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// A real mail loop for tests: a private Postfix (SMTP) delivering into Maildirs that a private Dovecot serves
/// over IMAP, in a temporary folder, on free loopback ports. Only the given mailboxes exist (by default
/// <see cref="DefaultAddresses"/>); mail to any other address, such as bounce-test@customer.test, is refused
/// at RCPT with 550 5.1.1, and mail for other domains is never sent on. Plus-addresses land in the base mailbox.
/// Every mailbox signs in (IMAP and SMTP AUTH) with <see cref="Password"/>.
/// <para>
/// Postfix's first start checks and creates its queue: about 0.3 s here, more on a busy machine (INFRA.md's
/// 3.4 s was mostly Postfix waiting out freshly written config files, which <see cref="MailServerConfig"/> avoids).
/// So start the servers once per test class (<c>IClassFixture&lt;MailServers&gt;</c>, default mailboxes) or per
/// collection, and let tests use mailboxes of their own or <see cref="EmptyAsync"/> first. For other mailboxes,
/// <c>await using var mail = await MailServers.StartAsync("a@x.test", ...)</c>. The servers are stopped on
/// dispose, and in any case once the test process has gone. Needs root and the packages test.sh installs.
/// </para>
/// </summary>
public sealed partial class MailServers : IAsyncLifetime, IAsyncDisposable
{
    public const string Password = "test-pass";

    public static readonly IReadOnlyList<string> DefaultAddresses =
        ["support@support.test", "customer@customer.test", "customer2@customer.test", "customer3@customer.test"];

    private readonly IReadOnlyList<string> _addresses;
    private MailServerConfig? _config;

    /// <summary>The default mailboxes; the servers start in <see cref="InitializeAsync"/> (as an xunit fixture).</summary>
    public MailServers() : this(DefaultAddresses)
    {
    }

    private MailServers(IReadOnlyList<string> addresses) => _addresses = addresses.Select(Normalize).Distinct(StringComparer.Ordinal).ToList();

    public string SmtpHost => "127.0.0.1";

    public int SmtpPort => Config.SmtpPort;

    public int ImapPort => Config.ImapPort;

    public IReadOnlyList<string> Addresses => _addresses;

    /// <summary>Settings for the app's SMTP delivery: plain SMTP on loopback, no sign-in (loopback may relay).</summary>
    public SmtpSettings Smtp => new(SmtpHost, SmtpPort, SmtpTlsMode.None, null, null);

    /// <summary>Settings that sign in over SMTP AUTH as one of the mailboxes.</summary>
    public SmtpSettings SmtpSignedInAs(string address, string password = Password) => Smtp with { UserName = address, Password = password };

    /// <summary>Postfix's log so far: every connection, refusal and delivery, for assertions and failure messages.</summary>
    public string SmtpLog()
    {
        if (!File.Exists(Config.PostfixLog))
        {
            return "";
        }
        using var reader = new StreamReader(new FileStream(Config.PostfixLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        return reader.ReadToEnd();
    }

    /// <summary>How many SMTP connections Postfix has accepted since it first started.</summary>
    public int SmtpConnectionCount() =>
        SmtpLog().Split('\n').Count(line => line.Contains("postfix/smtpd[", StringComparison.Ordinal) && line.Contains("]: connect from ", StringComparison.Ordinal));

    public static async Task<MailServers> StartAsync(params string[] addresses)
    {
        var servers = new MailServers(addresses.Length == 0 ? DefaultAddresses : addresses);
        try
        {
            await servers.InitializeAsync();
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
        return servers;
    }

    public async Task InitializeAsync()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !File.Exists("/usr/sbin/postfix") || !File.Exists("/usr/sbin/dovecot"))
        {
            throw new InvalidOperationException("The mail servers need root and the postfix and dovecot-imapd packages; ./test.sh installs them.");
        }
        var (uid, gid) = VmailUser();
        var folder = Path.Combine(Path.GetTempPath(), "parley-mail-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var config = new MailServerConfig(folder, TestProcesses.FreePort(), TestProcesses.FreePort(), uid, gid, _addresses);
        _config = config;
        TestProcesses.CleanUpAfterExit($"{StopShell(config)}; rm -rf '{folder}'");
        config.Write(Password);
        // Postfix's agents run as the postfix and vmail users: they must reach their folders through ours.
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        Directory.CreateDirectory(config.Spool);
        Directory.CreateDirectory(config.PostfixData);
        Directory.CreateDirectory(config.Mailboxes);
        await TestProcesses.RunAsync("chown", "postfix", config.PostfixData);
        await TestProcesses.RunAsync("chown", $"{uid}:{gid}", config.Mailboxes);
        await Task.WhenAll(StartPostfixAsync(config), TestProcesses.RunAsync("/usr/sbin/dovecot", "-c", config.DovecotConfig));
    }

    /// <summary>Stops accepting SMTP connections and drops the open ones, as a mail server going down would.</summary>
    public async Task StopSmtpAsync()
    {
        // Like "postfix quick-stop" (which polls in whole seconds): stop the master, mark the queue as checked.
        await TestProcesses.RunAsync("/bin/sh", "-c", StopTree(Config.PostfixPidFile));
        await File.WriteAllTextAsync(Path.Combine(Config.Spool, "quick-start"), "");
    }

    /// <summary>Starts SMTP again on the same port; a quick-stopped Postfix restarts in milliseconds.</summary>
    public Task StartSmtpAsync() => Postfix(Config, "start");

    public async Task DisposeAsync()
    {
        if (_config is not { } config)
        {
            return;
        }
        _config = null;
        await TestProcesses.RunAsync("/bin/sh", "-c", StopShell(config));
        try
        {
            Directory.Delete(config.Folder, recursive: true);
        }
        catch (IOException)
        {
            // A server still finishing a write; the clean-up after exit removes the folder again.
        }
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    private MailServerConfig Config => _config ?? throw new InvalidOperationException("The mail servers are not running.");

    private static Task StartPostfixAsync(MailServerConfig config) => Postfix(config, "start");

    private static Task Postfix(MailServerConfig config, string command) =>
        TestProcesses.RunAsync("/usr/sbin/postfix", "-c", config.PostfixConfigFolder, command);

    // Safe to run twice (on dispose and after exit): what is no longer running is skipped.
    private static string StopShell(MailServerConfig config) => $"{StopTree(config.PostfixPidFile)}; {StopTree(config.DovecotPidFile)}";

    // Both masters lead their process group; killing the group ends every server process at once, so open
    // connections drop and the port closes now (asked nicely, Postfix's master takes 1.5 s and Dovecot's log
    // process lingers for seconds). Nothing in these throwaway queues and mailboxes needs an orderly shutdown.
    // The wait (at most 2 s) is for every process of the group to be gone or a zombie (which holds no sockets);
    // kill -0 alone would wait on zombies that init reaps at its leisure.
    private static string StopTree(string pidFile) =>
        $"pid=$(sed 1q '{pidFile}' 2>/dev/null | tr -d ' ') && [ -n \"$pid\" ] && kill -KILL -$pid 2>/dev/null && " +
        "{ n=0; while [ $n -lt 200 ] && ps -e -o pgid=,stat= | awk -v g=$pid '$1 == g && $2 !~ /^Z/ { alive = 1 } END { exit !alive }'; " +
        "do sleep 0.01; n=$((n+1)); done; }; true";

    private static (int Uid, int Gid) VmailUser()
    {
        var line = File.ReadLines("/etc/passwd").FirstOrDefault(l => l.StartsWith("vmail:", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("The vmail user is missing; ./test.sh creates it.");
        var fields = line.Split(':');
        return (int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(fields[3], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string Normalize(string address)
    {
        var trimmed = address.Trim().ToLowerInvariant();
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != trimmed.LastIndexOf('@') || at == trimmed.Length - 1 || trimmed.Any(c => char.IsWhiteSpace(c) || c is ':' or '\'' or '/'))
        {
            throw new ArgumentException($"'{address}' is not a plain mailbox address.", nameof(address));
        }
        return trimmed;
    }
}
