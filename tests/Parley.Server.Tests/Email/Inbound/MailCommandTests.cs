using System.Diagnostics;
using System.Text.Json;
using Parley.Core.Email.Inbound;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Email.Inbound;

/// <summary>
/// The commands a mail server's pipe delivery and an admin run: the real Parley.Server program, started as
/// its own process beside the app, on the app's database.
/// </summary>
public abstract class MailCommandTests(ParleyApp app)
{
    private Task<(int Exit, string Output, string Errors)> RunAsync(byte[] input, params string[] args) => MailCommandProcess.RunAsync(app, input, args);

    [Fact]
    public async Task Mail_ingest_takes_a_piped_reply_into_its_conversation_and_prints_what_became_of_it()
    {
        var c = await app.EmailedConversationAsync();

        var (exit, output, errors) = await RunAsync(c.Reply("Piped in by the mail server.").Bytes(), "mail", "ingest");

        Assert.True(exit == 0, errors);
        var result = JsonSerializer.Deserialize<IngestResult>(output, ParleyApp.Json)!;
        Assert.Equal((InboundEmailStatus.Posted, c.ConversationId), (result.Status, result.ConversationId));
        Assert.Equal(InboundSource.Command, (await app.InboundEmailsAsync()).Single(e => e.Id == result.InboundEmailId).Source);
        Assert.Contains(await c.Agent.MessagesAsync(c.ConversationId), m => m.Id == result.MessageId);
    }

    [Fact]
    public async Task Mail_ingest_refuses_what_is_not_an_email_with_the_data_error_exit_code_and_stores_nothing()
    {
        await app.EmailedConversationAsync();
        var before = (await app.InboundEmailsAsync()).Count;

        var (exit, output, errors) = await RunAsync("this is not an email"u8.ToArray(), "mail", "ingest");

        Assert.Equal(65, exit);
        Assert.Equal("", output.Trim());
        Assert.StartsWith("Refused: ", errors.Trim());
        Assert.Equal(before, (await app.InboundEmailsAsync()).Count);
    }

    [Fact]
    public async Task Mail_trim_prints_only_the_new_text_of_a_plain_text_reply()
    {
        var body = "Thanks, that works.\n\nOn Tue, 1 Dec 2026 at 10:00, The Tea Shop <support@support.test> wrote:\n> Yes, the sencha is back.\n"u8.ToArray();

        var (exit, output, _) = await RunAsync(body, "mail", "trim");

        Assert.Equal(0, exit);
        Assert.Equal("Thanks, that works.", output.Trim());
    }
}

/// <summary>Runs the real Parley.Server program as its own process on the app's database, as a mail server's pipe would.</summary>
public static class MailCommandProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<(int Exit, string Output, string Errors)> RunAsync(ParleyApp app, byte[] input, params string[] args)
    {
        var server = Path.Combine(AppContext.BaseDirectory, "Parley.Server.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { server }.Concat(args).Concat([
            $"--Parley:Database:Provider={app.Provider}", $"--Parley:Database:ConnectionString={app.ConnectionString}"]))
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Parley.Server.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.BaseStream.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(Timeout);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}

public sealed class MailCommandTests_Sqlite(SqliteApp app) : MailCommandTests(app), IClassFixture<SqliteApp>;

public sealed class MailCommandTests_Postgres(PostgresApp app) : MailCommandTests(app), IClassFixture<PostgresApp>;
