using MimeKit;
using Parley.Core.Email.Inbound.Trimming;

namespace Parley.Core.Tests.Email.Inbound.Trimming;

/// <summary>Real-world replies (tests/Fixtures/Email/Replies): each .eml keeps exactly its .expected.txt.</summary>
public sealed class ReplyFixtureTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Email", "Replies");

    public static TheoryData<string> Fixtures => [.. Names()];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Reply_keeps_only_the_new_text(string fixture)
    {
        var message = MimeMessage.Load(Path.Combine(Folder, fixture + ".eml"));
        var expected = File.ReadAllText(Path.Combine(Folder, fixture + ".expected.txt")).ReplaceLineEndings("\n");

        var body = ReplyBody.From(message);

        Assert.Equal(expected.EndsWith('\n') ? expected[..^1] : expected, body.Trimmed.ReplaceLineEndings("\n"));
        Assert.Contains(body.Trimmed.Split('\n')[0], body.Original, StringComparison.Ordinal);
    }

    public static TheoryData<string> FixturesWithBothParts => [.. Names().Where(f =>
        MimeMessage.Load(Path.Combine(Folder, f + ".eml")).BodyParts.OfType<TextPart>().Count(p => !p.IsAttachment && p.IsHtml) == 1
        && MimeMessage.Load(Path.Combine(Folder, f + ".eml")).BodyParts.OfType<TextPart>().Any(p => !p.IsAttachment && p.IsPlain))];

    [Theory]
    [MemberData(nameof(FixturesWithBothParts))]
    public void The_html_part_alone_keeps_the_same_new_text(string fixture)
    {
        var message = MimeMessage.Load(Path.Combine(Folder, fixture + ".eml"));
        var html = message.BodyParts.OfType<TextPart>().Single(p => !p.IsAttachment && p.IsHtml);

        Assert.Equal(ReplyBody.From(message).Trimmed, ReplyBody.FromHtml(ReplyBody.Decode(html)).Trimmed);
    }

    private static IEnumerable<string> Names() => Directory.GetFiles(Folder, "*.eml").Select(f => Path.GetFileNameWithoutExtension(f)).Order();

    [Fact]
    public void There_is_a_fixture_for_every_client_and_an_expected_text_for_every_fixture()
    {
        var names = Directory.GetFiles(Folder, "*.eml").Select(Path.GetFileNameWithoutExtension).ToList();

        Assert.True(names.Count >= 40, $"{names.Count} fixtures");
        Assert.All(names, n => Assert.True(File.Exists(Path.Combine(Folder, n + ".expected.txt")), n));
        string[] clients = ["gmail-", "android-gmail-", "outlook-desktop-", "outlook-web-", "outlook-ios-", "outlook-android-", "apple-mail-", "iphone-mail-", "thunderbird-", "yahoo-", "samsung-"];
        Assert.All(clients, c => Assert.Contains(names, n => n!.StartsWith(c, StringComparison.Ordinal)));
    }
}
