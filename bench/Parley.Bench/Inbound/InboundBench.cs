using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Parley.Core;
using Parley.Core.Accounts;
using Parley.Core.Conversations;
using Parley.Core.Data;
using Parley.Core.Email;
using Parley.Core.Email.Inbound;
using Parley.Core.Email.Outbound;
using Parley.Core.EndUsers;

namespace Parley.Bench.Inbound;

/// <summary>
/// The inbound mode: realistic 5–50 KB replies through the whole pipeline (parse, store once, classify,
/// route, verify the sender, trim, post the message with its files, record the outcome) on PostgreSQL,
/// one at a time and from several callers at once as mail servers post them, beside MimeKit's parse-only
/// rate over the same bytes in the same run.
/// </summary>
internal static class InboundBench
{
    public const double AimPerSecond = 500;
    private const int Conversations = 1_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.SkipWhile(a => a != "--emails").Skip(1).FirstOrDefault() is { } n && int.TryParse(n, CultureInfo.InvariantCulture, out var e) && e is >= 100 and <= 100_000 ? e : 4_000;
        var outPath = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault();
        using var budget = new RunBudget(TimeSpan.FromMinutes(20));
        var ct = budget.Token;
        var md = new StringBuilder();
        PostgresInstance? postgres = null;
        var mailbox = Directory.CreateTempSubdirectory("parley-inbound-bench-").FullName;
        try
        {
            Console.WriteLine("Starting PostgreSQL...");
            postgres = await PostgresInstance.StartAsync(ct);
            await using var services = Services(postgres.ConnectionString, mailbox);
            Console.WriteLine($"Seeding {Conversations:N0} emailed conversations...");
            var tokens = await SeedAsync(services, ct);
            var levels = new[] { 1, 8 };
            var sets = levels.Select(_ => BenchReplies.Build(count, tokens)).ToList();
            var all = sets.SelectMany(s => s).ToList();
            var sizes = all.Select(b => b.Length).Order().ToArray();
            md.AppendLine(Invariant($"Machine: {Environment.ProcessorCount} cores ({ProcStat.CpuModel()}), {ProcStat.MemoryTotal()} memory, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, PostgreSQL {postgres.Version} ({postgres.Settings})."));
            md.AppendLine(Invariant($"{count:N0} replies per run, {sizes[0] / 1024.0:F1} to {sizes[^1] / 1024.0:F1} KB (median {sizes[sizes.Length / 2] / 1024.0:F1} KB); 40% carry a photo or a PDF; Gmail, Outlook and Apple Mail styles in five languages; each names one of {Conversations:N0} conversations."));
            md.AppendLine();
            md.AppendLine("| what | emails | emails/s | p50 ms | p99 ms |");
            md.AppendLine("|---|---:|---:|---:|---:|");

            Console.WriteLine("Baseline: MimeKit parse only...");
            Parse(sets[0].Take(200).ToList(), 1); // warm-up
            var parseOne = Parse(sets[0], 1);
            var parseAll = Parse(all, Environment.ProcessorCount);
            md.AppendLine(Invariant($"| baseline: MimeKit parse only, one thread | {sets[0].Count:N0} | {parseOne:N0} | | |"));
            md.AppendLine(Invariant($"| baseline: MimeKit parse only, {Environment.ProcessorCount} threads | {all.Count:N0} | {parseAll:N0} | | |"));

            var reading = Read(sets[0]);
            md.AppendLine(Invariant($"| the pipeline's reading alone, one thread, no database: parse, classify, trim, files | {sets[0].Count:N0} | {reading:N0} | | |"));
            Console.WriteLine(Invariant($"  parse {parseOne:N0}/s, reading {reading:N0}/s"));

            for (var i = 0; i < levels.Length; i++)
            {
                Console.WriteLine($"Pipeline, {levels[i]} at a time...");
                var (rate, p50, p99, posted) = await IngestAsync(services, sets[i], levels[i], ct);
                var aim = levels[i] > 1 ? Invariant($" (aim ≥ {AimPerSecond:N0}/s)") : "";
                md.AppendLine(Invariant($"| **the pipeline, {levels[i]} caller{(levels[i] > 1 ? "s" : "")} at a time**{aim}: parse, store, classify, route, verify, trim, post, record | {posted:N0} | {rate:N0} | {p50:F2} | {p99:F2} |"));
                Console.WriteLine(Invariant($"  {rate:N0} emails/s, p50 {p50:F2} ms, p99 {p99:F2} ms"));
            }
        }
        finally
        {
            postgres?.Dispose();
            Directory.Delete(mailbox, recursive: true);
        }
        var markdown = md.ToString();
        Console.WriteLine();
        Console.WriteLine(markdown);
        if (outPath is not null)
        {
            await File.WriteAllTextAsync(outPath, markdown, CancellationToken.None);
        }
        return 0;
    }

    private static ServiceProvider Services(string connectionString, string mailbox) =>
        CoreServices.Build(DatabaseSetup.PostgresConnectionString(connectionString), s => s.Configure<EmailOptions>(o => o.DevelopmentMailboxFolder = mailbox));

    /// <summary>The account, a support address, and conversations with a reply token and an end user with an email.</summary>
    private static async Task<List<(string Token, string Email)>> SeedAsync(ServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        await DatabaseSetup.MigrateAsync(db, ct);
        await sp.GetRequiredService<FirstRunSetup>().RunAsync(withDemoData: false, ct);
        await sp.GetRequiredService<SupportAddresses>().CreateAsync(new SupportAddressInput($"support@{BenchReplies.Domain}", "The Tea Shop",
            OutboundRoute.DevelopmentMailbox, null, 587, SmtpTlsMode.None, null, null, null, null, null, IsDefault: true), ct);
        var conversations = sp.GetRequiredService<ConversationService>();
        var tokens = new List<(string, string)>(Conversations);
        var now = TimeProvider.System.GetUtcNow();
        for (var i = 0; i < Conversations; i++)
        {
            var email = $"customer{i}@customer.{BenchReplies.Domain}";
            var user = new EndUser { Id = Guid.CreateVersion7(now), Name = "Kim Customer", Email = email, Language = "en", CreatedAt = now, LastSeenAt = now };
            db.EndUsers.Add(user);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            var started = await conversations.StartAsync(user.Id, new EndUserMessageInput($"Question {i} about my order", $"seed-{i}"), ct);
            var token = Token(i);
            await db.Conversations.Where(c => c.Id == started.Conversation.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.ReplyToken, token), ct);
            tokens.Add((token, email));
        }
        return tokens;
    }

    /// <summary>The conversation's number in base 32 over the token alphabet, 26 characters: unique and well-formed.</summary>
    private static string Token(int i)
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var chars = new char[26];
        for (var p = 25; p >= 0; p--, i /= 32)
        {
            chars[p] = Alphabet[i % 32];
        }
        return new string(chars);
    }

    private static double Parse(List<byte[]> messages, int threads)
    {
        var next = -1;
        var watch = Stopwatch.StartNew();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < messages.Count)
            {
                using var stream = new MemoryStream(messages[i], writable: false);
                GC.KeepAlive(MimeMessage.Load(stream));
            }
        });
        return messages.Count / watch.Elapsed.TotalSeconds;
    }

    /// <summary>What the pipeline does to an email besides the database, one thread.</summary>
    private static double Read(List<byte[]> messages)
    {
        var limits = new LimitsOptions();
        var watch = Stopwatch.StartNew();
        var stages = new double[5];
        foreach (var bytes in messages)
        {
            var t = Stopwatch.GetTimestamp();
            var message = InboundParsing.Parse(bytes, int.MaxValue);
            stages[0] += Stopwatch.GetElapsedTime(t).TotalMilliseconds; t = Stopwatch.GetTimestamp();
            GC.KeepAlive(Parley.Core.Email.Inbound.Classification.BounceReport.TryParse(message));
            stages[1] += Stopwatch.GetElapsedTime(t).TotalMilliseconds; t = Stopwatch.GetTimestamp();
            GC.KeepAlive(Parley.Core.Email.Inbound.Classification.AutomaticReplies.Detect(message));
            stages[2] += Stopwatch.GetElapsedTime(t).TotalMilliseconds; t = Stopwatch.GetTimestamp();
            GC.KeepAlive(Parley.Core.Email.Inbound.Trimming.ReplyBody.From(message));
            stages[3] += Stopwatch.GetElapsedTime(t).TotalMilliseconds; t = Stopwatch.GetTimestamp();
            GC.KeepAlive(EmailAttachments.Read(message, limits, []));
            stages[4] += Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        }
        Console.WriteLine("  ms per email: parse, bounce, auto-reply, body and trim, files: " + string.Join(", ", stages.Select(x => (x / messages.Count).ToString("F3", CultureInfo.InvariantCulture))));
        return messages.Count / watch.Elapsed.TotalSeconds;
    }

    private static async Task<(double Rate, double P50, double P99, int Posted)> IngestAsync(
        ServiceProvider services, List<byte[]> messages, int callers, CancellationToken ct)
    {
        var times = new ConcurrentBag<double>();
        var posted = 0;
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < messages.Count)
            {
                var start = Stopwatch.GetTimestamp();
                await using var scope = services.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<InboundPipeline>().IngestAsync(messages[i], InboundSource.Http, null, ct);
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (result.Status == InboundEmailStatus.Posted)
                {
                    Interlocked.Increment(ref posted);
                }
                else
                {
                    throw new InvalidOperationException($"Email {i} was {result.Status}: {result.Detail}");
                }
            }
        }, ct)));
        var rate = messages.Count / watch.Elapsed.TotalSeconds;
        var sorted = times.Order().ToArray();
        return (rate, sorted[sorted.Length / 2], sorted[(int)(sorted.Length * 0.99)], posted);
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
