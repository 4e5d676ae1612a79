using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Kasse.Inbox;
using Kasse.Tests.Infrastructure;
using Microsoft.Playwright;
using static Kasse.Tests.Browser.BrowserWaits;

namespace Kasse.Tests.Browser;

/// <summary>
/// The supervisor page in a real browser, in German and English: a queue's waiting count rises live as an integrator
/// delivers items over HTTP, the longest wait ticks, the queue's items are listed; supervisors find the page from the
/// landing page and the agent desktop, agents do not.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed partial class SupervisorBrowserTests(EmbeddedHostFixture host, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [GeneratedRegex(@"^\d+:\d{2}$")]
    private static partial Regex ShortWait();

    [Theory]
    [InlineData("de", "Verbunden", "Warteschlangen", "Team: ", "Vorgänge", "Wartende Vorgänge – Team: ", "Workflow")]
    [InlineData("en", "Connected", "Queues", "Team: ", "Items", "Waiting items – Team: ", "Workflow")]
    public async Task Supervisor_watches_a_queue_count_rise_live_as_items_arrive_over_the_integration_api(
        string lang, string connected, string queuesHeading, string teamPrefix, string itemsButton, string itemsTitle, string channel)
    {
        var team = "Browser-" + Guid.NewGuid().ToString("N")[..8];
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, host.Host.BaseAddress);
        var page = await context.NewPageAsync();
        var violations = BrowserSteps.CollectPolicyViolations(page);
        await page.GotoAsync($"/dev/signin?lang={lang}&returnTo=%2Fsupervisor%2F");
        await BrowserSteps.ChooseUserAsync(page, "supervisor-fischer", "/supervisor/");
        await Assertions.Expect(page.Locator("#supervisor-connection")).ToHaveTextAsync(connected, Text);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = queuesHeading, Exact = true })).ToBeVisibleAsync(Visible);

        using var integrator = host.Host.CreateClient(await host.Host.SignInAsync("integrator-kernsystem"));
        var row = page.Locator($"#queues tr[data-queue='team:{team}']");
        await CreateItemAsync(integrator, team, 1);
        await Assertions.Expect(row.Locator("td.queue-name")).ToHaveTextAsync(teamPrefix + team, Text);
        await Assertions.Expect(row.Locator("td.waiting")).ToHaveTextAsync("1", Text);
        await CreateItemAsync(integrator, team, 2);
        await Assertions.Expect(row.Locator("td.waiting")).ToHaveTextAsync("2", Text);

        // The longest wait ticks with the clock, without any event from the server.
        var wait = row.Locator("td.longest-wait");
        await Assertions.Expect(wait).ToHaveTextAsync(ShortWait(), Text);
        var first = await wait.TextContentAsync();
        await Assertions.Expect(wait).Not.ToHaveTextAsync(first!, Text);

        await row.GetByRole(AriaRole.Button, new() { Name = itemsButton }).ClickAsync();
        await Assertions.Expect(page.Locator("#items-title")).ToHaveTextAsync(itemsTitle + team, Text);
        await Assertions.Expect(page.Locator("#items-table tbody tr")).ToHaveCountAsync(2, Count);
        await Assertions.Expect(page.Locator($"#items-table tr[data-item='workflow:{team}-1'] td.channel")).ToHaveTextAsync(channel, Text);

        // The list follows the queue: a third item shows up without a click.
        await CreateItemAsync(integrator, team, 3);
        await Assertions.Expect(page.Locator("#items-table tbody tr")).ToHaveCountAsync(3, Count);
        await Assertions.Expect(row.Locator("td.waiting")).ToHaveTextAsync("3", Text);
        Assert.Empty(violations);
    }

    [Fact]
    public async Task Supervisor_reassigns_a_waiting_item_to_another_team_and_the_queue_count_drops()
    {
        var team = "Browser-" + Guid.NewGuid().ToString("N")[..8];
        // Agent Kaya is signed in but away: her team "Team Süd" is known to routing, and the item will wait there.
        using var kaya = host.Host.CreateClient(await host.Host.SignInAsync("agent-kaya"));
        (await kaya.PutAsJsonAsync("/api/agent/presence", new { presence = "Away" })).EnsureSuccessStatusCode();
        using var integrator = host.Host.CreateClient(await host.Host.SignInAsync("integrator-kernsystem"));
        await CreateItemAsync(integrator, team, 1);
        await CreateItemAsync(integrator, team, 2);

        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, host.Host.BaseAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/dev/signin?lang=de&returnTo=%2Fsupervisor%2F");
        await BrowserSteps.ChooseUserAsync(page, "supervisor-fischer", "/supervisor/");
        var row = page.Locator($"#queues tr[data-queue='team:{team}']");
        await Assertions.Expect(row.Locator("td.waiting")).ToHaveTextAsync("2", Text);
        await Assertions.Expect(page.Locator("#agents tr[data-agent='agent-kaya'] td.presence")).ToHaveTextAsync("Abwesend", Text);

        await row.GetByRole(AriaRole.Button, new() { Name = "Vorgänge" }).ClickAsync();
        var itemRow = page.Locator($"#items-table tr[data-item='workflow:{team}-1']");
        await itemRow.GetByRole(AriaRole.Button, new() { Name = "Neu zuweisen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reassign-title")).ToHaveTextAsync($"Vorgang workflow:{team}-1 neu zuweisen", Text);
        await page.Locator("#reassign-target").SelectOptionAsync("team:Team Süd");
        await page.Locator("#reassign-note").FillAsync("Bitte im Team Süd bearbeiten.");
        await page.Locator("#reassign-form button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator("#reassign-status")).ToHaveTextAsync($"Vorgang workflow:{team}-1 wurde neu zugewiesen.", Text);
        await Assertions.Expect(row.Locator("td.waiting")).ToHaveTextAsync("1", Text);
        await Assertions.Expect(page.Locator("#items-table tbody tr")).ToHaveCountAsync(1, Count);
        await Assertions.Expect(page.Locator($"#items-table tr[data-item='workflow:{team}-2']")).ToBeVisibleAsync(Visible);

        // Nothing is left waiting in Team Süd's queue for other tests: Kaya takes the item and wraps it up.
        await TakeAndCompleteAsync(kaya, $"workflow:{team}-1");
    }

    private static async Task TakeAndCompleteAsync(HttpClient agent, string itemId)
    {
        var desk = await ReadDeskAsync(await agent.PutAsJsonAsync("/api/agent/presence", new { presence = "Available" }));
        var deadline = DateTime.UtcNow + TestTimeouts.ForEvent(TimeSpan.FromSeconds(30));
        while (!desk.Offers.Any(o => o.ItemId == itemId) && DateTime.UtcNow < deadline)
            desk = await ReadDeskAsync(await agent.GetAsync($"/api/agent/desk?known={desk.Version}&waitSeconds=5"));
        var offer = Assert.Single(desk.Offers, o => o.ItemId == itemId);
        (await agent.PutAsJsonAsync("/api/agent/presence", new { presence = "Away" })).EnsureSuccessStatusCode();
        (await agent.PostAsync($"/api/agent/offers/{offer.OfferId}/accept", null)).EnsureSuccessStatusCode();
        (await agent.PostAsync($"/api/agent/work-items/{Uri.EscapeDataString(itemId)}/complete", null)).EnsureSuccessStatusCode();
    }

    private static async Task<AgentDeskView> ReadDeskAsync(HttpResponseMessage response)
    {
        using (response)
        {
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<AgentDeskView>(Json))!;
        }
    }

    [Fact]
    public async Task Supervisor_finds_the_page_from_the_landing_page_and_the_agent_desktop_and_an_agent_does_not()
    {
        await using var supervisorContext = await BrowserSteps.NewContextAsync(browser.Browser, host.Host.BaseAddress);
        var supervisor = await BrowserSteps.SignInAsync(supervisorContext, "supervisor-fischer", "/agent/");
        await supervisor.GetByRole(AriaRole.Link, new() { Name = "Zur Supervisor-Ansicht" }).ClickAsync();
        await BrowserSteps.WaitForPathAsync(supervisor, "/supervisor/");
        await supervisor.GotoAsync("/");
        await supervisor.GetByRole(AriaRole.Link, new() { Name = "Supervisor-Ansicht" }).ClickAsync();
        await BrowserSteps.WaitForPathAsync(supervisor, "/supervisor/");
        await Assertions.Expect(supervisor.Locator("#supervisor-connection")).ToHaveTextAsync("Verbunden", Text);

        await using var agentContext = await BrowserSteps.NewContextAsync(browser.Browser, host.Host.BaseAddress);
        var agent = await BrowserSteps.SignInAsync(agentContext, "agent-schulz", "/agent/");
        await Assertions.Expect(agent.Locator("#content")).ToContainTextAsync("Tobias Schulz", Contains);
        await Assertions.Expect(agent.Locator("#supervisor-link")).ToBeHiddenAsync(Hidden);
        await agent.GotoAsync("/supervisor/");
        await Assertions.Expect(agent.Locator("#supervisor-connection")).ToHaveTextAsync(
            "Keine Berechtigung: Diese Ansicht ist Supervisoren vorbehalten.", Text);
    }

    private static async Task CreateItemAsync(HttpClient integrator, string team, int number)
    {
        using var response = await integrator.PutAsJsonAsync(
            $"/api/integration/work-items/workflow/{team}-{number}", new { topic = "Antrag prüfen", team });
        response.EnsureSuccessStatusCode();
    }
}
