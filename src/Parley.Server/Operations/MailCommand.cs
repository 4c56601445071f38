using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Core;
using Parley.Core.Accounts;
using Parley.Core.Data;
using Parley.Core.Email;
using Parley.Core.Email.Inbound;

namespace Parley.Server.Operations;

/// <summary>
/// The commands that run instead of the server: <c>mail ingest</c> takes one email on standard input
/// (a mail server's pipe delivery) into the inbound pipeline; <c>mail trim</c> prints what Parley keeps
/// of a plain-text reply. Exit codes follow sysexits, which mail servers understand: 0 handled, 65 not
/// an email, 75 a temporary failure (the mail server retries), 78 Parley not set up.
/// </summary>
public sealed record MailCommand(string Name, string[] HostArgs)
{
    public const int Handled = 0;
    public const int Usage = 64;
    public const int DataError = 65;
    public const int TemporaryFailure = 75;
    public const int NotConfigured = 78;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true, Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public bool IsTrim => Name == "trim";

    /// <summary>The command in <paramref name="args"/>, or null to run the server; the rest of the arguments configure the host as usual.</summary>
    public static MailCommand? Parse(string[] args) =>
        args is ["mail", var name, .. var rest] ? new MailCommand(name, rest) : args is ["mail"] ? new MailCommand("", []) : null;

    /// <summary>Logs go to standard error, so standard output holds only the command's answer.</summary>
    public static void Configure(WebApplicationBuilder builder)
    {
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
    }

    public static async Task<int> TrimAsync(TextReader input, TextWriter output)
    {
        output.WriteLine(Parley.Core.Email.Inbound.Trimming.ReplyTrimmer.Trim(await input.ReadToEndAsync()));
        return Handled;
    }

    public async Task<int> RunAsync(WebApplication app, Stream input, TextWriter output, TextWriter errors)
    {
        if (Name != "ingest")
        {
            await errors.WriteLineAsync("Usage: parley mail ingest < message.eml   (one email, as received, on standard input)\n       parley mail trim < body.txt       (prints what Parley keeps of a plain-text reply)");
            return Usage;
        }
        var max = app.Services.GetRequiredService<IOptions<EmailOptions>>().Value.MaxInboundBytes;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        try
        {
            await DatabaseSetup.MigrateAsync(db, CancellationToken.None);
            if (!await db.Settings.AnyAsync(s => s.Id == AccountSettings.SingletonId))
            {
                await errors.WriteLineAsync("Parley has not been set up yet: start it once (dotnet run --project src/Parley.Server) so it creates its account.");
                return NotConfigured;
            }
            var raw = await ReadBoundedAsync(input, max);
            var result = await scope.ServiceProvider.GetRequiredService<InboundPipeline>().IngestAsync(raw, InboundSource.Command, null, CancellationToken.None);
            await output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
            return Handled;
        }
        catch (ParleyProblem problem)
        {
            await errors.WriteLineAsync($"Refused: {problem.Message}");
            return DataError;
        }
        catch (Exception e) when (e is DbUpdateException or IOException or TimeoutException or System.Data.Common.DbException)
        {
            await errors.WriteLineAsync($"Could not store the email now ({e.Message}); the mail server should try again.");
            return TemporaryFailure;
        }
    }

    /// <summary>Reads at most one byte more than allowed, so an oversized email is refused without reading all of it.</summary>
    private static async Task<byte[]> ReadBoundedAsync(Stream input, int max)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await input.ReadAsync(chunk)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > max)
            {
                throw new ParleyProblem(ProblemKind.TooLarge, "email-too-large", $"The email is over {max:N0} bytes, the most Parley accepts.");
            }
        }
        return buffer.ToArray();
    }
}
