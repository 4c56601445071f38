using Parley.Core.Email.Outbound;

namespace Parley.Core.Tests.Email;

/// <summary>What a delivery reports ends up on outbox rows, in logs and in the admin center: bounded and without secrets.</summary>
public sealed class DeliveryResultTests
{
    [Fact]
    public void The_detail_is_one_line_of_at_most_500_characters()
    {
        var result = DeliveryResult.Permanent("550 5.1.1 first line\r\n  second line\n" + new string('x', 1_000));

        Assert.Equal(DeliveryResult.MaxDetailLength, result.Detail.Length);
        Assert.StartsWith("550 5.1.1 first line second line xxx", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.Detail);
    }

    [Fact]
    public void Smtp_settings_never_print_the_password()
    {
        var settings = new SmtpSettings("smtp.example.test", 587, SmtpTlsMode.StartTls, "parley@example.test", "s3cret-Passw0rd");

        var printed = settings.ToString();

        Assert.DoesNotContain("s3cret-Passw0rd", printed, StringComparison.Ordinal);
        Assert.Contains("Password = ***", printed, StringComparison.Ordinal);
        Assert.Contains("UserName = parley@example.test", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void Smtp_settings_without_a_timeout_use_thirty_seconds() =>
        Assert.Equal(TimeSpan.FromSeconds(30), new SmtpSettings("h", 25, SmtpTlsMode.None, null, null).EffectiveTimeout);
}
