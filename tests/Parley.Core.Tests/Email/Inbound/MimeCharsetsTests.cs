namespace Parley.Core.Tests.Email.Inbound;

public sealed class MimeCharsetsTests
{
    [Theory]
    [InlineData("=?ISO-2022-JP?B?GyRCPCtGMDF+RXobKEI6IBskQiQqTGQkJDlnJG8kOxsoQg==?=", "自動応答: お問い合わせ")]
    [InlineData("=?GB2312?B?19S2r7TwuLQ6IMT6tcS21Luw?=", "自动答复: 您的对话")]
    public void Subjects_in_legacy_asian_charsets_are_decoded(string encoded, string expected) =>
        Assert.Equal(expected, Mails.WithHeaders("Subject: " + encoded).Subject);
}
