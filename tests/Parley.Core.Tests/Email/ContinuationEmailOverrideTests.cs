using Parley.Core.Email.Outbound;

namespace Parley.Core.Tests.Email;

public sealed class ContinuationEmailOverrideTests
{
    [Fact]
    public async Task A_valid_override_is_used_and_the_parts_it_leaves_out_are_shipped()
    {
        var shipped = await EmailModels.RenderAsync(EmailModels.With());
        var email = await EmailModels.RenderAsync(EmailModels.With(), new EmailTemplateOverride(
            "{{ business.name }} support, conversation {{ conversation.number }}", null, "<p>{{ t.new_replies }}: {{ replies[0].text }}</p>"));

        Assert.Equal("Acme support, conversation 42", email.Subject);
        Assert.Equal(shipped.TextBody, email.TextBody);
        Assert.Equal("<p>1 new reply from Acme: We shipped it today.</p>\n", email.HtmlBody);
        Assert.Empty(email.OverrideFailures);
    }

    [Fact]
    public async Task Overrides_are_chosen_per_language()
    {
        var overrides = new Dictionary<string, EmailTemplateOverride> { ["de"] = new("Ihre Anfrage bei {{ business.name }}", null, null) };

        var german = await ContinuationEmailRenderer.RenderAsync(EmailModels.With(language: "de-AT"), overrides.GetValueOrDefault);
        var french = await ContinuationEmailRenderer.RenderAsync(EmailModels.With(language: "fr"), overrides.GetValueOrDefault);

        Assert.Equal("Ihre Anfrage bei Acme", german.Subject);
        Assert.Equal("Votre conversation avec Acme (#42)", french.Subject);
    }

    [Fact]
    public async Task An_override_escapes_every_value_in_html_even_through_raw()
    {
        var email = await EmailModels.RenderAsync(EmailModels.With(text: "<script>alert(1)</script>"),
            new EmailTemplateOverride(null, "{{ replies[0].text | raw }}", "<div>{{ replies[0].text | raw }}{{ replies[0].text | upcase | raw }}</div>"));

        Assert.Equal("<div>&lt;script&gt;alert(1)&lt;/script&gt;&lt;SCRIPT&gt;ALERT(1)&lt;/SCRIPT&gt;</div>\n", email.HtmlBody);
        Assert.Equal("<script>alert(1)</script>\n", email.TextBody);
    }

    [Theory]
    [InlineData("{% if %}broken")]
    [InlineData("{{ replies | ")]
    [InlineData("{% for r in replies %}never closed")]
    public async Task An_override_that_does_not_parse_falls_back_to_the_shipped_part(string broken)
    {
        var shipped = await EmailModels.RenderAsync(EmailModels.With());
        var email = await EmailModels.RenderAsync(EmailModels.With(), new EmailTemplateOverride(broken, broken, broken));

        Assert.Equal(shipped.Subject, email.Subject);
        Assert.Equal(shipped.TextBody, email.TextBody);
        Assert.Equal(shipped.HtmlBody, email.HtmlBody);
        Assert.Equal(3, email.OverrideFailures.Count);
        Assert.StartsWith("subject: ", email.OverrideFailures[0], StringComparison.Ordinal);
    }

    public static TheoryData<string> Runaways =>
    [
        "{% for i in (1..100000000) %}.{% endfor %}",
        "{% for i in (1..9999) %}{% for j in (1..9999) %}.{% endfor %}{% endfor %}",
        "{% for i in (1..5000) %}{{ replies[0].text }}{% endfor %}",
        "{% assign s = replies[0].text %}{% for i in (1..60) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}",
        "{% assign s = replies[0].text %}{% for i in (1..60) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}{{ s | size }}",
        "{% capture s %}{% for i in (1..9999) %}{{ replies[0].text }}{% endfor %}{% endcapture %}{{ s | size }}",
        "{% assign a = replies %}{% for i in (1..60) %}{% assign a = a | concat: a %}{% endfor %}{{ a | size }}",
    ];

    [Theory]
    [MemberData(nameof(Runaways))]
    public async Task An_override_that_runs_away_falls_back_to_the_shipped_part_quickly(string runaway)
    {
        var model = EmailModels.With(text: new string('x', 1000));
        var shipped = await EmailModels.RenderAsync(model);
        var started = System.Diagnostics.Stopwatch.StartNew();

        var email = await EmailModels.RenderAsync(model, new EmailTemplateOverride(null, runaway, runaway));

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed}");
        Assert.Equal(shipped.TextBody, email.TextBody);
        Assert.Equal(shipped.HtmlBody, email.HtmlBody);
        Assert.Equal(2, email.OverrideFailures.Count);
    }

    [Fact]
    public async Task An_override_that_renders_empty_falls_back_to_the_shipped_part()
    {
        var shipped = await EmailModels.RenderAsync(EmailModels.With());
        var email = await EmailModels.RenderAsync(EmailModels.With(), new EmailTemplateOverride("{{ nothing }}\n  ", " ", "{% if false %}x{% endif %}"));

        Assert.Equal(shipped.Subject, email.Subject);
        Assert.Equal(shipped.TextBody, email.TextBody);
        Assert.Equal(shipped.HtmlBody, email.HtmlBody);
    }

    [Fact]
    public async Task An_overridden_subject_is_still_one_bounded_line()
    {
        var email = await EmailModels.RenderAsync(EmailModels.With(), new EmailTemplateOverride(
            "Line one\nLine two {% for i in (1..100) %}{{ business.name }}{% endfor %}", null, null));

        Assert.StartsWith("Line one Line two AcmeAcme", email.Subject, StringComparison.Ordinal);
        Assert.True(email.Subject.Length <= ContinuationEmailRenderer.MaxSubjectLength);
    }

    [Fact]
    public void The_shipped_templates_are_valid_and_given_to_the_editor_whole()
    {
        var shipped = ContinuationEmailRenderer.Shipped("fr");

        Assert.Equal("{{ t.subject }}", shipped.Subject);
        Assert.Contains("{{ t.continue_hint }}", shipped.TextBody, StringComparison.Ordinal);
        Assert.Contains("{{ continue_url }}", shipped.HtmlBody, StringComparison.Ordinal);
        Assert.Null(ContinuationEmailRenderer.Problem(shipped.Subject!));
        Assert.Null(ContinuationEmailRenderer.Problem(shipped.TextBody!));
        Assert.Null(ContinuationEmailRenderer.Problem(shipped.HtmlBody!));
    }

    [Theory]
    [InlineData("Hello {{ customer.first_name }}")]
    [InlineData("{% for reply in replies %}{{ reply.author }}: {{ reply.text | truncate: 20 }}{% endfor %}")]
    [InlineData("{% if last_message %}{{ last_message.text }}{% endif %} {{ count }} {{ 'now' | date: '%Y' }}")]
    public void Problem_accepts_a_template_that_renders(string liquid) => Assert.Null(ContinuationEmailRenderer.Problem(liquid));

    [Theory]
    [InlineData("{% if %}", "if")]
    [InlineData("{{ customr.name }}", "customr")]
    [InlineData("{{ business.name | shout }}", "shout")]
    [InlineData("{{ business.nmae }}", "field")]
    [InlineData("{% for i in (1..100000000) %}.{% endfor %}", "range")]
    [InlineData("{% for i in (1..9999) %}{% for j in (1..9999) %}.{% endfor %}{% endfor %}", "too much")]
    [InlineData("{% assign s = 'ab' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}", "characters")]
    public void Problem_says_what_is_wrong_with_a_template(string liquid, string mentions)
    {
        var problem = ContinuationEmailRenderer.Problem(liquid);

        Assert.NotNull(problem);
        Assert.Contains(mentions, problem, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('\n', problem);
    }

    [Fact]
    public void Problem_refuses_a_template_that_is_too_long() =>
        Assert.NotNull(ContinuationEmailRenderer.Problem(new string('x', ContinuationEmailRenderer.MaxTemplateLength + 1)));
}
