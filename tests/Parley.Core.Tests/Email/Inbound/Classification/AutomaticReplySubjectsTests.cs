using Parley.Core.Email.Inbound.Classification;
using Parley.Core.Localization;

namespace Parley.Core.Tests.Email.Inbound.Classification;

public sealed class AutomaticReplySubjectsTests
{
    public static TheoryData<string> Languages => [.. ShippedLanguages.All];

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_shipped_language_has_out_of_office_prefixes(string language) =>
        Assert.NotEmpty(AutomaticReplySubjects.ByLanguage[language]);

    [Fact]
    public void The_data_file_has_no_language_that_is_not_shipped() =>
        Assert.Empty(AutomaticReplySubjects.ByLanguage.Keys.Except(ShippedLanguages.All, StringComparer.OrdinalIgnoreCase));

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_prefix_is_recognised_before_a_subject(string language)
    {
        foreach (var prefix in AutomaticReplySubjects.ByLanguage[language])
        {
            // Another language may share the prefix (da and nb "Automatisk svar"); that it is recognised is what counts.
            Assert.True(AutomaticReplySubjects.Match(prefix + " Your conversation with Acme (#1042)") is not null, $"{language}: {prefix}");
        }
    }

    [Theory]
    [InlineData("Automatic reply: Your conversation", "Automatic reply:")]
    [InlineData("AUTOMATIC REPLY: Your conversation", "Automatic reply:")]
    [InlineData("  [EXTERNAL] [SPAM?] Automatic reply: Your conversation", "Automatic reply:")]
    [InlineData("Réponse automatique\u00a0: Votre conversation", "Réponse automatique")]
    [InlineData("Réponse automatique : Votre conversation", "Réponse automatique")]
    [InlineData("自動応答：お問い合わせ", "自動応答:")]
    [InlineData("자동 회신: 문의", "자동 회신:")]
    [InlineData("Poissa : Keskustelusi", "Poissa:")]
    [InlineData("Out of Office AutoReply: Your conversation", "Out of Office AutoReply")]
    [InlineData("Abwesenheitsnotiz", "Abwesenheitsnotiz")]
    public void Responder_subjects_are_recognised(string subject, string prefix) =>
        Assert.Equal(prefix, AutomaticReplySubjects.Match(subject)?.Prefix);

    [Theory]
    [InlineData("Re: Automatic reply: Your conversation")]
    [InlineData("Re: Your conversation with Acme")]
    [InlineData("Automatic replying is broken")]
    [InlineData("Automatically yours")]
    [InlineData("Autoresponse test")]
    [InlineData("Poissa huomenna")]
    [InlineData("Fuera de la oficina mañana, ¿pueden llamarme?")]
    [InlineData("Out of office hours support")]
    [InlineData("自動応答について")]
    [InlineData("")]
    [InlineData(null)]
    public void Subjects_a_person_writes_are_not_taken_for_a_responder_s(string? subject) =>
        Assert.Null(AutomaticReplySubjects.Match(subject));
}
