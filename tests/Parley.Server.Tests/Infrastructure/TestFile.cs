using System.Net.Http.Headers;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>A file to upload: its name, the type the client claims (never trusted) and its bytes.</summary>
public sealed record TestFile(string Name, byte[] Content, string ClaimedType = "application/octet-stream")
{
    /// <summary>A complete 1×1 PNG image.</summary>
    public static readonly byte[] PngBytes = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGOQL94OAAH+AUoi5kY5AAAAAElFTkSuQmCC");

    public static TestFile Png(string name = "photo.png") => new(name, PngBytes, "image/png");

    public static TestFile Text(string name, string text) => new(name, System.Text.Encoding.UTF8.GetBytes(text), "text/plain");

    public static TestFile OfSize(string name, int bytes) => new(name, new byte[bytes]);

    /// <summary>A multipart form with the given fields (null ones left out) and the files in the "files" field.</summary>
    public static MultipartFormDataContent Form(IEnumerable<TestFile> files, params (string Name, string? Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            if (value is not null)
            {
                form.Add(new StringContent(value), name);
            }
        }
        foreach (var file in files)
        {
            var part = new ByteArrayContent(file.Content);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(file.ClaimedType);
            form.Add(part, "files", file.Name);
        }
        return form;
    }
}
