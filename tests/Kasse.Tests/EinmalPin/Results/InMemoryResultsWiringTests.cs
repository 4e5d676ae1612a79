using System.Net.Http.Json;
using System.Text.Json;
using Kasse.Grains.EinmalPin;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.EinmalPin.Results;

/// <summary>In the embedded default the results read the in-memory stores of the intake, the letters and the case grain.</summary>
public sealed class InMemoryResultsWiringTests
{
    [Fact]
    public async Task Counts_in_memory_mode_come_from_the_cases_secrets_and_events_the_other_stores_hold()
    {
        await using var host = await KasseTestHost.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var seed = ResultsSeed.EveryStatus("M-", now.AddMinutes(-1), now);
        await host.Services.GetRequiredService<IPinCaseStore>().AddAsync([.. seed.ScanCases().Select(c => c.Data)], null);
        await host.Services.GetRequiredService<IPinSecretStore>().AddAsync(seed.ScanSecrets());
        var events = host.Services.GetRequiredService<IPinCaseEventStore>();
        foreach (var record in seed.ScanEvents())
            await events.AppendAsync(record);
        using var admin = host.CreateClient(await host.SignInAsync("admin"));

        var counts = await admin.GetFromJsonAsync<JsonElement>("/api/einmalpin/counts");

        var byStatus = counts.GetProperty("byStatus");
        foreach (var expected in ResultsSeed.ExpectedStatus.Values.GroupBy(s => s))
            Assert.Equal(expected.Count(), byStatus.GetProperty(expected.Key.ToString()).GetInt64());
        Assert.Equal(ResultsSeed.ExpectedStatus.Count, counts.GetProperty("total").GetInt64());
        Assert.Equal(1.0 / 3, counts.GetProperty("stpRate").GetDouble(), 6);
    }
}
