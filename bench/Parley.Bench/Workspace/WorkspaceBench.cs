using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using Parley.Bench.Messenger;

namespace Parley.Bench.Workspace;

/// <summary>
/// The workspace mode: for each database, a fresh Parley server filled through its APIs with a queue of
/// open conversations and one long conversation, then timed in headless Chromium and against the queries
/// below it (see <see cref="WorkspaceOptions.Usage"/>).
/// </summary>
internal static class WorkspaceBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        WorkspaceOptions options;
        try
        {
            options = WorkspaceOptions.Parse(args);
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        using var budget = new RunBudget(TimeSpan.FromMinutes(30));
        var ct = budget.Token;
        if (!File.Exists(MessengerBench.ChromiumPath))
        {
            Console.Error.WriteLine($"{MessengerBench.ChromiumPath} was not found: apt-get install chromium (never playwright install).");
            return 1;
        }
        using var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = MessengerBench.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        using var closeOnCancel = ct.Register(() => _ = browser.CloseAsync());
        var report = new WorkspaceReport(browser.Version);
        try
        {
            foreach (var database in options.Databases)
            {
                report.Runs.Add(await RunOnAsync(database, options, browser, ct));
            }
        }
        catch (Exception e) when (ct.IsCancellationRequested)
        {
            Console.Error.WriteLine($"Stopped before the end ({e.GetType().Name}).");
            return 130;
        }
        catch (Exception e) when (e is InvalidOperationException or PlaywrightException or TimeoutException or HttpRequestException)
        {
            Console.Error.WriteLine($"The workspace benchmark failed: {e}");
            return 1;
        }
        finally
        {
            await browser.CloseAsync();
        }
        var markdown = report.ToMarkdown();
        Console.WriteLine();
        Console.WriteLine(markdown);
        if (options.MarkdownOut is { } path)
        {
            await File.WriteAllTextAsync(path, markdown, CancellationToken.None);
            Console.WriteLine($"Written to {Path.GetFullPath(path)}");
        }
        return 0;
    }

    private static async Task<WorkspaceRun> RunOnAsync(string database, WorkspaceOptions options, IBrowser browser, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("parley-workspace-bench-").FullName;
        PostgresInstance? postgres = null;
        ParleyServer? server = null;
        try
        {
            string connectionString, detail;
            if (database == "Postgres")
            {
                Console.WriteLine("Starting PostgreSQL...");
                postgres = await PostgresInstance.StartAsync(ct);
                connectionString = postgres.ConnectionString;
                detail = $"PostgreSQL {postgres.Version}, {postgres.Settings}";
            }
            else
            {
                connectionString = $"Data Source={Path.Combine(folder, "parley.db")}";
                detail = "SQLite file, WAL";
            }
            // The published build: a build outside Development serves no static web assets (the workspace's script and styles).
            var dll = Path.GetFullPath(options.ServerDll ?? ParleyServer.PublishedDll());
            if (!File.Exists(dll))
            {
                throw new InvalidOperationException($"{dll} was not found. Publish it first: dotnet publish -c Release -o artifacts/parley src/Parley.Server");
            }
            Console.WriteLine($"[{database}] starting {dll}...");
            server = await ParleyServer.StartAsync(dll, database, connectionString, ct);
            using var api = new ParleyApi(server.BaseUrl);
            var cookie = await api.SignInAsync(server.AdminEmail, server.AdminPassword, ct);
            var token = await api.CreateApiTokenAsync(cookie, ct);

            Console.WriteLine($"[{database}] {options.Conversations:N0} visitors start conversations, then one conversation of {options.Messages} messages...");
            var seeding = Stopwatch.StartNew();
            await WorkspaceSeed.QueueAsync(api, options.Conversations, n => Console.WriteLine($"  {n:N0}"), ct);
            var longOne = await WorkspaceSeed.LongConversationAsync(api, token, options.Messages, ct);
            var run = new WorkspaceRun(database, detail, options.Conversations + 1, options.Messages, seeding.Elapsed);
            Console.WriteLine($"  seeded in {seeding.Elapsed.TotalSeconds:F0} s");

            var timings = new BrowserTimings(browser, server.BaseUrl);
            await timings.SignInAsync(server.AdminEmail, server.AdminPassword);
            var agentCookie = timings.CookieHeader();
            var timeline = BrowserTimings.TimelineTest(options.Messages);

            Console.WriteLine($"[{database}] opening the long conversation from the queue, {options.Repeats} times...");
            run.OpenFromQueue = Report("open from queue", await timings.OpenFromQueueAsync(longOne, options.Messages, options.Repeats, ct));
            Console.WriteLine($"[{database}] loading the conversation page cold, {options.Repeats} times...");
            (run.ConversationColdShown, run.ConversationColdLive) =
                await timings.ColdLoadsAsync($"/workspace/conversations/{longOne}", timeline, options.Repeats, warmups: 2, ct);
            Report("cold conversation shown", run.ConversationColdShown);
            Report("cold conversation live", run.ConversationColdLive);
            run.Prerender = Report("prerendered HTML", await Baselines.PrerenderAsync(api.Http, agentCookie, longOne, options.Repeats, ct));

            Console.WriteLine($"[{database}] paging the queue: {options.Pages} clicks on \"Next page\", then cold loads...");
            run.NextPage = Report("next page", await timings.NextPagesAsync(options.Pages, ct));
            (run.QueueColdShown, run.QueueColdLive) =
                await timings.ColdLoadsAsync("/workspace/views/unassigned", BrowserTimings.QueueTest, options.Repeats, warmups: 2, ct);
            Report("cold queue shown", run.QueueColdShown);
            Report("cold queue live", run.QueueColdLive);

            Console.WriteLine($"[{database}] baselines: the whole queue through the API, Core and raw SQL; the timeline through Core and raw SQL...");
            (run.ApiPage, run.ApiListed) = await Baselines.ApiQueueWalkAsync(api.Http, agentCookie, ct);
            Report($"API page ({run.ApiListed:N0} listed)", run.ApiPage);
            var baselines = new Baselines(database, connectionString);
            (run.CorePage, run.CoreTimeline) = await baselines.CoreQueriesAsync(longOne, options.Repeats, ct);
            Report("Core page", run.CorePage);
            Report("Core timeline", run.CoreTimeline);
            run.RawPage = Report("raw page", await baselines.RawQueueWalkAsync(options.Conversations / 50 + 2, ct));
            run.RawMessages = Report("raw messages", await baselines.RawMessagesAsync(longOne, options.Messages, options.Repeats, ct));
            return run;
        }
        catch (Exception) when (server is not null)
        {
            Console.Error.WriteLine("Server output:\n" + server.Output());
            throw;
        }
        finally
        {
            server?.Dispose();
            postgres?.Dispose();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temp folder; harmless.
            }
        }
    }

    private static Spread Report(string what, Spread s)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what}: p50 {s.P50:F1} ms, p95 {s.P95:F1} ms, max {s.Max:F1} ms ({s.Count})"));
        return s;
    }
}
