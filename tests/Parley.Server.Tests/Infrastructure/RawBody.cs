using System.Text;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>Request bodies sent exactly as written, for the tests that prove bad input is refused.</summary>
public static class RawBody
{
    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public static StringContent Of(string body, string mediaType) => new(body, Encoding.UTF8, mediaType);

    /// <summary>A JSON message body whose text makes the whole body larger than <paramref name="bytes"/>.</summary>
    public static StringContent LargerThan(int bytes) => Json($"{{\"text\":\"{new string('a', bytes)}\",\"clientId\":\"big-1\"}}");
}
