using Kasse.EinmalPin;
using Kasse.Grains.EinmalPin;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Browser;

/// <summary>
/// A case with its letter, put straight into the host's stores the way intake and letter production leave it (the
/// case, then one issue of secrets): for browser tests of the insured's side that need no import on the way.
/// </summary>
public static class EinmalPinSeed
{
    public static async Task<EinmalPinLetter> IssueLetterAsync(KasseTestHost host, PinCaseData data)
    {
        var cases = host.Services.GetRequiredService<IPinCaseStore>();
        var secrets = host.Services.GetRequiredService<IPinSecrets>();
        var store = host.Services.GetRequiredService<IPinSecretStore>();
        await cases.AddAsync([data], importId: null);
        var issued = secrets.Issue(data.CaseNumber, 1, $"test-{data.CaseNumber}", DateTimeOffset.UtcNow);
        await store.AddAsync([issued.Record]);
        return new EinmalPinLetter(data.CaseNumber, PinFormat.Grouped(issued.Pin), issued.Link);
    }
}
