using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>Assertions on HTTP responses that show the body when the status is not the expected one.</summary>
public static class Expect
{
    public static async Task StatusAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"Expected {(int)expected} {expected} but got {(int)response.StatusCode} {response.StatusCode}: {body}");
        }
    }

    public static async Task<T> JsonAsync<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        await StatusAsync(response, expected);
        return (await response.Content.ReadFromJsonAsync<T>(ParleyApp.Json))!;
    }

    /// <summary>Asserts an RFC 7807 problem with the given status and stable type code; returns it for further checks.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string? code = null)
    {
        await StatusAsync(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        var type = problem.GetProperty("type").GetString()!;
        Assert.StartsWith("urn:parley:problem:", type, StringComparison.Ordinal);
        if (code is not null)
        {
            Assert.Equal("urn:parley:problem:" + code, type);
        }
        Assert.False(problem.GetRawText().Contains("   at ", StringComparison.Ordinal), "A problem must not carry a stack trace.");
        return problem;
    }
}
