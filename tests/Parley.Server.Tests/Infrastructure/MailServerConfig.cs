using System.Globalization;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// The configuration files of the tests' private Postfix and Dovecot (INFRA.md, "A real mail loop"): every
/// path under one folder, nothing in /etc, loopback only, and mail for unknown domains never leaves the machine.
/// </summary>
internal sealed record MailServerConfig(string Folder, int SmtpPort, int ImapPort, int VmailUid, int VmailGid, IReadOnlyList<string> Addresses)
{
    public string PostfixConfigFolder => Path.Combine(Folder, "postfix");
    public string PostfixLog => Path.Combine(Folder, "postfix.log");
    public string Spool => Path.Combine(Folder, "spool");
    public string PostfixData => Path.Combine(Folder, "data");
    public string PostfixPidFile => Path.Combine(Spool, "pid", "master.pid");
    public string Mailboxes => Path.Combine(Folder, "vmail");
    public string DovecotConfig => Path.Combine(Folder, "dovecot", "dovecot.conf");
    public string DovecotRun => Path.Combine(Folder, "dovecot-run");
    public string DovecotPidFile => Path.Combine(DovecotRun, "master.pid");

    // Dovecot answers Postfix's sign-in (SASL) questions here, so SMTP AUTH can be tested against real credentials.
    private string AuthSocket => Path.Combine(DovecotRun, "auth-smtp");

    private IEnumerable<string> Domains => Addresses.Select(a => a[(a.IndexOf('@', StringComparison.Ordinal) + 1)..]).Distinct(StringComparer.Ordinal);

    public void Write(string password)
    {
        Directory.CreateDirectory(PostfixConfigFolder);
        Directory.CreateDirectory(Path.GetDirectoryName(DovecotConfig)!);
        File.WriteAllText(Path.Combine(PostfixConfigFolder, "main.cf"), MainCf());
        File.WriteAllText(Path.Combine(PostfixConfigFolder, "master.cf"), MasterCf());
        File.WriteAllLines(Path.Combine(PostfixConfigFolder, "vmailbox"), Addresses.Select(a => $"{a} {MailboxPath(a)}"));
        File.WriteAllText(DovecotConfig, DovecotConf());
        File.WriteAllLines(Path.Combine(Path.GetDirectoryName(DovecotConfig)!, "users.passwd"), Addresses.Select(a => $"{a}:{{PLAIN}}{password}"));
        // Postfix rereads a file changed within the last second, in 300 ms steps, in case it is still being
        // edited; every command of the first start (and every new smtpd) would wait for that. Backdated, none does.
        foreach (var file in Directory.EnumerateFiles(PostfixConfigFolder))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-1));
        }
    }

    // "domain/local/": the trailing slash makes Postfix's virtual agent write a Maildir, which Dovecot reads.
    private static string MailboxPath(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        return $"{address[(at + 1)..]}/{address[..at]}/";
    }

    private string MainCf() => string.Create(CultureInfo.InvariantCulture, $"""
        compatibility_level = 3.6
        queue_directory = {Spool}
        data_directory = {PostfixData}
        maillog_file = {PostfixLog}
        maillog_file_prefixes = {Folder}
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
        smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination
        smtp_dns_support_level = disabled
        default_transport = error:outbound mail disabled in test
        relay_transport = error:outbound mail disabled in test
        virtual_mailbox_domains = {string.Join(", ", Domains)}
        virtual_mailbox_base = {Mailboxes}
        virtual_mailbox_maps = texthash:{Path.Combine(PostfixConfigFolder, "vmailbox")}
        virtual_uid_maps = static:{VmailUid}
        virtual_gid_maps = static:{VmailGid}
        recipient_delimiter = +
        smtpd_sasl_auth_enable = yes
        smtpd_sasl_type = dovecot
        smtpd_sasl_path = {AuthSocket}
        smtpd_error_sleep_time = 0

        """);

    // The stock services a local virtual delivery needs, none chrooted (the config lives outside any chroot).
    private string MasterCf() => string.Create(CultureInfo.InvariantCulture, $"""
        127.0.0.1:{SmtpPort} inet n - n - - smtpd
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
        proxywrite unix - - n - 1 proxymap
        smtp unix - - n - - smtp
        relay unix - - n - - smtp
        showq unix n - n - - showq
        error unix - - n - - error
        retry unix - - n - - error
        discard unix - - n - - discard
        virtual unix - n n - - virtual
        anvil unix - - n - 1 anvil
        scache unix - - n - 1 scache
        postlog unix-dgram n - n - 1 postlogd

        """);

    private string DovecotConf() => string.Create(CultureInfo.InvariantCulture, $$"""
        protocols = imap
        listen = 127.0.0.1
        base_dir = {{DovecotRun}}
        state_dir = {{Path.Combine(Folder, "dovecot-state")}}
        log_path = {{Path.Combine(Folder, "dovecot.log")}}
        ssl = no
        disable_plaintext_auth = no
        auth_mechanisms = plain login
        # Wrong passwords are part of the tests: no delay after a failure, and no growing penalty for 127.0.0.1
        # (which would slow every later IMAP sign-in of the run by up to 15 s).
        auth_failure_delay = 0
        service anvil {
          unix_listener anvil-auth-penalty {
            mode = 0
          }
        }
        mail_location = maildir:{{Mailboxes}}/%d/%n
        first_valid_uid = {{VmailUid}}
        service imap-login {
          inet_listener imap {
            address = 127.0.0.1
            port = {{ImapPort}}
          }
          inet_listener imaps {
            port = 0
          }
        }
        service auth {
          unix_listener auth-smtp {
            mode = 0666
          }
        }
        passdb {
          driver = passwd-file
          args = scheme=PLAIN username_format=%Lu {{Path.Combine(Path.GetDirectoryName(DovecotConfig)!, "users.passwd")}}
        }
        userdb {
          driver = static
          args = uid={{VmailUid}} gid={{VmailGid}} home={{Mailboxes}}/%d/%n
        }

        """);
}
