using Kasse.EinmalPin;
using Kasse.Grains.Audit;
using Microsoft.Extensions.DependencyInjection;
using static Kasse.Tests.EinmalPin.Case.PinCaseHostFixture;

namespace Kasse.Tests.EinmalPin.Case;

/// <summary>
/// Failed logins on one case, from ever new client addresses (so only the case counts): the delay before the next
/// attempt doubles, the case locks after the configured number, and only a new letter (reissue) unlocks it.
/// </summary>
[Collection(PinCaseHostCollection.Name)]
public sealed class PinCaseLockTests(PinCaseHostFixture fixture)
{
    private IPinLoginGrain Login => fixture.Grains.GetGrain<IPinLoginGrain>(0);

    private static int _client;

    private static string NewClient() => $"198.51.100.{Interlocked.Increment(ref _client)}-lock";

    [Fact]
    public async Task Failures_on_a_case_grow_the_delay_and_lock_it_until_a_new_letter()
    {
        var seeded = await fixture.SeedAsync(PinCaseType.SteuerId);
        var wrong = new PinLoginRequest(null, seeded.Pin, BirthDate.AddDays(-1), "");

        var first = await Login.LogIn(wrong with { ClientKey = NewClient() });
        Assert.Equal((false, PinErrors.LoginRefused, TimeSpan.FromSeconds(1)), (first.Succeeded, first.ErrorCode, first.RetryAfter));

        // Within the delay even the right answer is refused, and the wait is what remains of it.
        var early = await Login.LogIn(wrong with { BirthDate = BirthDate, ClientKey = NewClient() });
        Assert.False(early.Succeeded);
        Assert.InRange(early.RetryAfter!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1));

        fixture.Clock.Advance(TimeSpan.FromSeconds(1.5));
        var second = await Login.LogIn(wrong with { ClientKey = NewClient() });
        Assert.Equal(TimeSpan.FromSeconds(2), second.RetryAfter);

        fixture.Clock.Advance(TimeSpan.FromSeconds(2.5));
        var third = await Login.LogIn(wrong with { ClientKey = NewClient() });
        Assert.False(third.Succeeded);
        Assert.True((await fixture.Grains.GetGrain<IPinCaseGrain>(seeded.CaseNumber).GetView()).Locked);

        // Locked: the right PIN and birth date, however long after, open nothing.
        fixture.Clock.Advance(TimeSpan.FromMinutes(20));
        var locked = await Login.LogIn(new PinLoginRequest(null, seeded.Pin, BirthDate, NewClient()));
        Assert.Equal((false, PinErrors.LoginRefused), (locked.Succeeded, locked.ErrorCode));
        var audit = await fixture.Host.Services.GetRequiredService<IAuditTrail>().ReadBySubjectAsync("pin-case", seeded.CaseNumber, 100);
        Assert.Contains(audit, e => e.Action == "pin.login.refused-locked");
        Assert.Contains(audit, e => e.Action == "pin.login.refused-throttled");
        Assert.Equal(MaxFailedAttemptsPerCase, audit.Count(e => e.Action == "pin.login.failed"));

        // A new letter unlocks; the old PIN stops working, the new one works.
        var reissued = await fixture.ReissueAsync(seeded);
        var oldPin = await Login.LogIn(new PinLoginRequest(seeded.LinkToken, seeded.Pin, BirthDate, NewClient()));
        Assert.False(oldPin.Succeeded);
        fixture.Clock.Advance(TimeSpan.FromSeconds(1.5));
        var newPin = await Login.LogIn(new PinLoginRequest(null, reissued.Pin, BirthDate, NewClient()));
        Assert.True(newPin.Succeeded);
        Assert.Equal(seeded.CaseNumber, newPin.CaseNumber);
        Assert.False((await fixture.Grains.GetGrain<IPinCaseGrain>(seeded.CaseNumber).GetView()).Locked);
    }
}
