using System.Text.Json;
using MimeKit;
using Parley.Core.Email.Inbound.Addressing;
using Parley.Core.Email.Inbound.Classification;

namespace Parley.Core.Tests.Email.Inbound.Classification;

/// <summary>
/// Real-world-shaped emails (tests/Fixtures/Email/Automatic), each with a <c>.expected.json</c> beside it:
/// "automatic" (a kind or null) and "reason" (a part of the reason); "bounce" (null, or permanent, dsn,
/// originalMessageId and recipients with address, status, permanent and a part of the diagnostic);
/// "token" and "parleyIds" ("Email:hex" or "Conversation:hex", in order) for support@acme.example.
/// </summary>
public sealed class AutomaticEmailFixturesTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Email", "Automatic");
    private static readonly string[] SupportAddresses = ["support@acme.example"];
    private static readonly string[] Domains = ["acme.example"];

    public static TheoryData<string> Fixtures => [.. Directory.GetFiles(Folder, "*.eml").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void The_fixture_is_classified_as_its_expected_json_says(string name)
    {
        var message = MimeMessage.Load(Path.Combine(Folder, name + ".eml"));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, name + ".expected.json")));
        var expected = json.RootElement;

        var automatic = AutomaticReplies.Detect(message);
        Assert.Equal(String(expected, "automatic"), automatic?.Kind.ToString());
        if (String(expected, "reason") is { } reason)
        {
            Assert.Contains(reason, automatic!.Reason, StringComparison.Ordinal);
        }

        var bounce = BounceReport.TryParse(message);
        var expectedBounce = expected.GetProperty("bounce");
        if (expectedBounce.ValueKind == JsonValueKind.Null)
        {
            Assert.Null(bounce);
        }
        else
        {
            Assert.NotNull(bounce);
            Assert.Equal(expectedBounce.GetProperty("permanent").GetBoolean(), bounce.Permanent);
            Assert.Equal(expectedBounce.GetProperty("dsn").GetBoolean(), bounce.IsDeliveryStatusNotification);
            Assert.Equal(String(expectedBounce, "originalMessageId"), bounce.OriginalMessageId);
            var recipients = expectedBounce.GetProperty("recipients").EnumerateArray().ToList();
            Assert.Equal(recipients.Count, bounce.Recipients.Count);
            foreach (var (want, got) in recipients.Zip(bounce.Recipients))
            {
                Assert.Equal(String(want, "address"), got.Address);
                Assert.Equal(String(want, "status"), got.Status);
                Assert.Equal(want.GetProperty("permanent").GetBoolean(), got.Permanent);
                if (String(want, "diagnostic") is { } diagnostic)
                {
                    Assert.Contains(diagnostic, got.Diagnostic ?? "", StringComparison.Ordinal);
                }
            }
        }

        if (expected.TryGetProperty("token", out _))
        {
            Assert.Equal(String(expected, "token"), ReplyTokens.Find(message, SupportAddresses));
        }
        if (expected.TryGetProperty("parleyIds", out var ids))
        {
            Assert.Equal(ids.EnumerateArray().Select(i => i.GetString()), ParleyMessageIds.Find(message, Domains).Select(i => $"{i.Kind}:{i.Id:N}"));
        }
    }

    [Fact]
    public void Every_fixture_has_its_expectations_and_there_are_at_least_twenty()
    {
        var emails = Directory.GetFiles(Folder, "*.eml").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal).ToList();
        var expectations = Directory.GetFiles(Folder, "*.expected.json").Select(f => Path.GetFileName(f)[..^".expected.json".Length]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(emails, expectations);
        Assert.True(emails.Count >= 20, $"{emails.Count} fixtures");
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
