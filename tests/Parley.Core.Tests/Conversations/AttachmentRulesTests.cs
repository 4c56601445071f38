using System.ComponentModel.DataAnnotations;
using Parley.Core.Conversations;

namespace Parley.Core.Tests.Conversations;

public sealed class AttachmentRulesTests
{
    private readonly LimitsOptions _limits = new() { MaxAttachmentBytes = 100, MaxAttachmentsPerMessage = 3, MaxAttachmentBytesPerMessage = 250 };

    private static ParleyProblem AssertRefused(string code, Action action)
    {
        var problem = Assert.Throws<ParleyProblem>(action);
        Assert.Equal(ProblemKind.Validation, problem.Kind);
        Assert.Equal(code, problem.Code);
        Assert.True(problem.Errors?.ContainsKey(AttachmentRules.Field), "expected an error on the files field");
        return problem;
    }

    private static AttachmentInput File(string name, int bytes) => new(name, TestFiles.OfSize(bytes));

    [Theory]
    [InlineData("C:\\Users\\sam\\Desktop\\invoice.pdf", "invoice.pdf")]
    [InlineData("/etc/passwd", "passwd")]
    [InlineData("../../secret.txt", "secret.txt")]
    [InlineData("  report.pdf  ", "report.pdf")]
    [InlineData("line\nbreak\t.txt", "linebreak.txt")]
    [InlineData("bell\u0007.txt", "bell.txt")]
    [InlineData("what?.txt", "what_.txt")]
    [InlineData("a\"b<c>d|e*f:g.txt", "a_b_c_d_e_f_g.txt")]
    [InlineData("trailing dots...", "trailing dots")]
    [InlineData("Cafe\u0301.txt", "Café.txt")]
    [InlineData("회의록.docx", "회의록.docx")]
    public void File_names_keep_only_a_safe_last_path_part(string raw, string expected)
    {
        Assert.Equal(expected, AttachmentRules.FileName(raw));
    }

    [Fact]
    public void Bidirectional_overrides_that_disguise_an_extension_are_removed()
    {
        // "invoice\u202Efdp.exe" shows as "invoiceexe.pdf" in a right-to-left override.
        Assert.Equal("invoicefdp.exe", AttachmentRules.FileName("invoice\u202Efdp.exe"));
        Assert.Equal("ab.txt", AttachmentRules.FileName("a\u200Bb\u2066.txt"));
    }

    [Fact]
    public void Lone_surrogates_are_dropped_and_pairs_are_kept()
    {
        Assert.Equal("ab😀.png", AttachmentRules.FileName("a\uD800b😀.png"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("..")]
    [InlineData("folder/")]
    [InlineData("\u0000\u0001")]
    public void Empty_or_unusable_names_become_the_fallback_name(string? raw)
    {
        Assert.Equal(AttachmentRules.FallbackName, AttachmentRules.FileName(raw));
    }

    [Fact]
    public void Long_names_are_shortened_to_the_limit_keeping_the_extension()
    {
        var name = AttachmentRules.FileName(new string('a', 500) + ".pdf");

        Assert.Equal(AttachmentRules.MaxFileNameLength, name.Length);
        Assert.EndsWith("a.pdf", name, StringComparison.Ordinal);
    }

    [Fact]
    public void Shortening_never_splits_a_surrogate_pair()
    {
        var name = AttachmentRules.FileName(string.Concat(Enumerable.Repeat("😀", 150)) + ".txt");

        Assert.True(name.Length <= AttachmentRules.MaxFileNameLength);
        Assert.EndsWith("😀.txt", name, StringComparison.Ordinal);
        Assert.DoesNotContain(name.EnumerateRunes(), r => r == System.Text.Rune.ReplacementChar);
    }

    [Fact]
    public void Files_within_the_limits_pass_with_safe_names_and_decided_types()
    {
        var checkedFiles = AttachmentRules.Check(
            [new AttachmentInput("C:\\pics\\cat.png", TestFiles.Png), File("notes.txt", 100)], _limits);

        Assert.Equal(["cat.png", "notes.txt"], checkedFiles.Select(f => f.FileName));
        Assert.Equal(["image/png", "text/plain"], checkedFiles.Select(f => f.ContentType));
    }

    [Fact]
    public void No_files_is_nothing_to_check()
    {
        Assert.Empty(AttachmentRules.Check(null, _limits));
        Assert.Empty(AttachmentRules.Check([], _limits));
    }

    [Fact]
    public void Empty_file_is_refused_by_name()
    {
        var problem = AssertRefused("attachment-empty", () => AttachmentRules.Check([File("ok.txt", 5), File("blank.txt", 0)], _limits));

        Assert.Contains("blank.txt", problem.Errors![AttachmentRules.Field][0], StringComparison.Ordinal);
    }

    [Fact]
    public void File_over_the_size_limit_is_refused_and_one_at_the_limit_passes()
    {
        Assert.Single(AttachmentRules.Check([File("max.bin", 100)], _limits));

        var problem = AssertRefused("attachment-too-large", () => AttachmentRules.Check([File("big.bin", 101)], _limits));
        Assert.Contains("big.bin", problem.Errors![AttachmentRules.Field][0], StringComparison.Ordinal);
    }

    [Fact]
    public void More_files_than_the_limit_are_refused()
    {
        Assert.Equal(3, AttachmentRules.Check([File("1.txt", 1), File("2.txt", 1), File("3.txt", 1)], _limits).Count);

        AssertRefused("too-many-attachments", () =>
            AttachmentRules.Check([File("1.txt", 1), File("2.txt", 1), File("3.txt", 1), File("4.txt", 1)], _limits));
    }

    [Fact]
    public void Files_over_the_total_limit_together_are_refused()
    {
        AssertRefused("attachments-too-large", () =>
            AttachmentRules.Check([File("1.bin", 100), File("2.bin", 100), File("3.bin", 51)], _limits));
    }

    [Fact]
    public void Judge_names_the_first_broken_rule_from_names_and_sizes_alone()
    {
        Assert.Null(AttachmentRules.Judge([("a.txt", 10)], _limits));
        Assert.Equal(new AttachmentRefused(AttachmentRefusal.TooLarge, "b.txt"), AttachmentRules.Judge([("a.txt", 10), ("dir/b.txt", 1000)], _limits));
        Assert.Equal(new AttachmentRefused(AttachmentRefusal.TooMany, null), AttachmentRules.Judge([("a", 1), ("b", 1), ("c", 1), ("d", 1)], _limits));
    }

    [Fact]
    public void Limits_whose_total_is_below_the_single_file_limit_do_not_validate()
    {
        var limits = new LimitsOptions { MaxAttachmentBytes = 1000, MaxAttachmentBytesPerMessage = 999 };

        var results = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(limits, new ValidationContext(limits), results, validateAllProperties: true));
        Assert.Contains(results, r => r.MemberNames.Contains(nameof(LimitsOptions.MaxAttachmentBytesPerMessage)));
        var defaults = new LimitsOptions();
        Assert.True(Validator.TryValidateObject(defaults, new ValidationContext(defaults), [], validateAllProperties: true));
    }
}
