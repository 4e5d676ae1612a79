using System.Net;
using System.Text.Json;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Foundation;

/// <summary>The embedded default (no configuration) boots a complete single-node system.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class EmbeddedDefaultTests(EmbeddedHostFixture fixture)
{
    private KasseTestHost Host => fixture.Host;

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_healthy_without_sign_in(string path)
    {
        using var response = await Host.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Landing_page_links_to_portal_agent_desktop_admin_and_api_reference()
    {
        var html = await Host.Http.GetStringAsync("/");
        Assert.Contains("<html lang=\"de\">", html, StringComparison.Ordinal);
        foreach (var link in new[] { "href=\"/portal/\"", "href=\"/agent/\"", "href=\"/admin/\"", "href=\"/api-docs\"" })
            Assert.Contains(link, html, StringComparison.Ordinal);
        foreach (var page in new[] { "/portal/", "/agent/", "/admin/" })
        {
            using var response = await Host.Http.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task OpenApi_document_describes_the_http_api_with_bearer_security()
    {
        using var document = JsonDocument.Parse(await Host.Http.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/integration/customers/{kvnr}", out var customer));
        Assert.True(customer.TryGetProperty("put", out _));
        Assert.True(paths.TryGetProperty("/api/admin/silos", out _));
        foreach (var rulesPath in new[] { "/api/rules", "/api/rules/{name}/versions", "/api/rules/{name}/versions/{version}/publish", "/api/rules/{name}/rollback", "/api/rules/{name}/diff", "/api/rules/{name}/dry-run", "/api/rules/decisions" })
            Assert.True(paths.TryGetProperty(rulesPath, out _), rulesPath);
        Assert.Equal("bearer", document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task Api_reference_page_is_served()
    {
        var html = await Host.Http.GetStringAsync("/api-docs/v1");
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        Assert.Contains("Kasse.Orleans API", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_insured_person_reads_own_master_data()
    {
        using var client = Host.CreateClient(await Host.SignInAsync("A123456780"));
        var profile = await Eventually.ReturnsAsync(
            () => client.GetStringAsync("/api/me/profile"), _ => true, TimeSpan.FromSeconds(20), "demo profile seeded");
        Assert.Contains("\"familyName\":\"Bergmann\"", profile, StringComparison.Ordinal);
        Assert.Contains("\"preferredChannel\":\"App\"", profile, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_sees_the_single_active_silo()
    {
        using var client = Host.CreateClient(await Host.SignInAsync("admin"));
        var silos = await client.GetStringAsync("/api/admin/silos");
        Assert.Contains("\"status\":\"Active\"", silos, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_is_for_admins_only()
    {
        using var admin = Host.CreateClient(await Host.SignInAsync("admin"));
        using var insured = Host.CreateClient(await Host.SignInAsync("A123456780"));
        using var adminResponse = await admin.GetAsync("/dashboard/");
        using var insuredResponse = await insured.GetAsync("/dashboard/");
        using var anonymousResponse = await Host.Http.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, adminResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, insuredResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousResponse.StatusCode);
    }
}
