using System.Net;
using System.Text.Json;

namespace Kasse.Tests.Http;

/// <summary>Reads an HTTP answer as RFC 9457 problem details and checks its status and code.</summary>
public static class ProblemAssert
{
    public const string TypeBase = "https://kasse-orleans.dev/problems/";

    /// <summary>Asserts status, content type and the code (title and last segment of the type); returns the body.</summary>
    public static async Task<JsonElement> HasCodeAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(TypeBase + code.ToLowerInvariant().Replace('_', '-'), problem.GetProperty("type").GetString());
        Assert.Equal(code, problem.GetProperty("title").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>Asserts a 400 validation problem that names <paramref name="field"/>; returns the body.</summary>
    public static async Task<JsonElement> NamesFieldAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(TypeBase + "validation", problem.GetProperty("type").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {body}");
        return problem;
    }
}
