using Parley.Core.Conversations;

namespace Parley.Core.Tests.Conversations;

public sealed class AttachmentTypesTests
{
    public static TheoryData<string, byte[], string> Images => new()
    {
        { "photo.png", TestFiles.Png, "image/png" },
        { "photo.JPG", TestFiles.Jpeg, "image/jpeg" },
        { "photo.jpeg", TestFiles.Jpeg, "image/jpeg" },
        { "anim.gif", TestFiles.Gif, "image/gif" },
        { "pic.webp", TestFiles.Webp, "image/webp" },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void Image_whose_bytes_match_its_name_is_an_inline_image(string name, byte[] content, string expected)
    {
        var type = AttachmentTypes.Decide(name, content);

        Assert.Equal(expected, type);
        Assert.True(AttachmentTypes.IsInlineImage(type));
    }

    [Fact]
    public void Image_name_over_bytes_that_are_not_an_image_is_a_plain_download()
    {
        Assert.Equal(AttachmentTypes.OctetStream, AttachmentTypes.Decide("innocent.png", TestFiles.Html));
        Assert.Equal(AttachmentTypes.OctetStream, AttachmentTypes.Decide("photo.jpg", TestFiles.Png[..4]));
    }

    [Fact]
    public void Bytes_decide_which_image_it_is_when_the_extension_names_another()
    {
        Assert.Equal("image/png", AttachmentTypes.Decide("photo.jpg", TestFiles.Png));
    }

    [Fact]
    public void Image_without_an_extension_is_recognised_by_its_bytes()
    {
        Assert.Equal("image/png", AttachmentTypes.Decide("screenshot", TestFiles.Png));
    }

    [Fact]
    public void Image_bytes_under_a_document_name_keep_the_document_type_and_are_not_inline()
    {
        var type = AttachmentTypes.Decide("report.pdf", TestFiles.Png);

        Assert.Equal("application/pdf", type);
        Assert.False(AttachmentTypes.IsInlineImage(type));
    }

    [Theory]
    [InlineData("drawing.svg", "image/svg+xml")]
    [InlineData("page.html", "text/html")]
    [InlineData("notes.txt", "text/plain")]
    [InlineData("sheet.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("archive.zip", "application/zip")]
    [InlineData("mystery.xyz", AttachmentTypes.OctetStream)]
    [InlineData("no-extension", AttachmentTypes.OctetStream)]
    public void Other_files_get_their_type_from_the_extension_and_are_never_inline(string name, string expected)
    {
        var type = AttachmentTypes.Decide(name, TestFiles.Html);

        Assert.Equal(expected, type);
        Assert.False(AttachmentTypes.IsInlineImage(type));
    }
}
