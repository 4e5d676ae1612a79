using System.Net;
using System.Text.Json.Nodes;
using Kasse.EinmalPin;
using Kasse.Grains.Audit;
using Kasse.Grains.EinmalPin;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using static Kasse.Tests.EinmalPin.Case.PinCaseHostFixture;

namespace Kasse.Tests.EinmalPin.Case;

/// <summary>
/// The login over HTTP: PIN and birth date open the case; every refusal looks the same whatever was wrong; failures
/// from one client address are throttled across cases; an expired letter opens nothing; every decision is audited
/// without the PIN or the birth date.
/// </summary>
[Collection(PinCaseHostCollection.Name)]
public sealed class PinLoginTests(PinCaseHostFixture fixture)
{
    [Fact]
    public async Task The_pin_and_birth_date_open_the_case_with_its_prefilled_form()
    {
        var seeded = await fixture.SeedAsync(PinCaseType.SteuerId);
        using var client = fixture.ClientFromNewAddress();

        using var response = await LogInAsync(client, seeded.Pin.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal), BirthDate);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(seeded.CaseNumber, (string?)answer["caseNumber"]);
        await using var hub = await fixture.PinHubAsync((string)answer["token"]!);
        var snapshot = await hub.InvokeAsync<PinCaseSnapshot>("OpenCase");
        Assert.Equal((seeded.CaseNumber, PinCaseType.SteuerId, PinCaseStatus.Opened), (snapshot.CaseNumber, snapshot.CaseType, snapshot.Status));
        Assert.Equal(PinCaseIds.FormSessionOf(seeded.CaseNumber), snapshot.FormSessionId);
        Assert.Equal($"\"{KnownSteuerId}\"", snapshot.Form.State.Fields.Single(f => f.Path == "steuerId").Value);
        Assert.Equal("\"A123456780\"", snapshot.Form.State.Fields.Single(f => f.Path == "kvnr").Value);
    }

    [Fact]
    public async Task The_link_token_with_pin_and_birth_date_opens_the_case_too()
    {
        var seeded = await fixture.SeedAsync(PinCaseType.SteuerId);
        using var client = fixture.ClientFromNewAddress();

        using var response = await LogInAsync(client, seeded.Pin, BirthDate, seeded.LinkToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_pin_a_wrong_birth_date_an_unknown_pin_and_an_unknown_link_get_the_same_answer()
    {
        var wrongPinCase = await fixture.SeedAsync(PinCaseType.SteuerId);
        var wrongBirthDateCase = await fixture.SeedAsync(PinCaseType.SteuerId);
        var linkCase = await fixture.SeedAsync(PinCaseType.SteuerId);
        var otherPin = await OtherPinAsync(wrongPinCase);

        var answers = new List<(HttpStatusCode Status, string Body)>();
        foreach (var attempt in new Func<HttpClient, Task<HttpResponseMessage>>[]
        {
            c => LogInAsync(c, otherPin, BirthDate, wrongPinCase.LinkToken),
            c => LogInAsync(c, wrongBirthDateCase.Pin, BirthDate.AddDays(1)),
            c => LogInAsync(c, "ABCD-EFGH-JKMNP", BirthDate),
            c => LogInAsync(c, linkCase.Pin, BirthDate, "AAAAAAAAAAAAAAAAAAAAAA"),
        })
        {
            using var client = fixture.ClientFromNewAddress();
            using var response = await attempt(client);
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.Status));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        var body = JsonNode.Parse(answers[0].Body)!;
        Assert.Equal(PinErrors.LoginRefused, (string?)body["title"]);
        Assert.Equal("PIN oder Geburtsdatum stimmen nicht, oder der Zugang ist gesperrt oder abgelaufen.", (string?)body["detail"]);
        Assert.Equal(1, (int?)body["retryAfterSeconds"]);
    }

    [Fact]
    public async Task Failures_from_one_client_address_are_throttled_across_cases()
    {
        var first = await fixture.SeedAsync(PinCaseType.SteuerId);
        var second = await fixture.SeedAsync(PinCaseType.SteuerId);
        using var client = fixture.ClientFromNewAddress();

        using var failed = await LogInAsync(client, first.Pin, BirthDate.AddYears(1));
        using var throttled = await LogInAsync(client, second.Pin, BirthDate);

        Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.True(throttled.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(PinErrors.Throttled, (string?)JsonNode.Parse(await throttled.Content.ReadAsStringAsync())!["title"]);
        // Another address is not held back by this one's failures.
        using var elsewhere = fixture.ClientFromNewAddress();
        using var allowed = await LogInAsync(elsewhere, second.Pin, BirthDate);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task A_client_address_with_too_many_failures_is_locked_out_whatever_the_case()
    {
        using var client = fixture.ClientFromNewAddress();
        for (var i = 0; i < MaxFailedAttemptsPerClient; i++)
        {
            var victim = await fixture.SeedAsync(PinCaseType.SteuerId);
            using var failed = await LogInAsync(client, victim.Pin, BirthDate.AddDays(3));
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
            fixture.Clock.Advance(TimeSpan.FromSeconds(Math.Pow(2, i) + 1));
        }
        var fresh = await fixture.SeedAsync(PinCaseType.SteuerId);

        using var locked = await LogInAsync(client, fresh.Pin, BirthDate);

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task An_expired_letter_opens_nothing()
    {
        var seeded = await fixture.SeedAsync(PinCaseType.SteuerId, expiresAt: fixture.Clock.GetUtcNow().AddMinutes(-1));
        using var client = fixture.ClientFromNewAddress();

        using var response = await LogInAsync(client, seeded.Pin, BirthDate);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(PinErrors.LoginRefused, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["title"]);
        Assert.Equal(PinCaseStatus.Expired, (await fixture.Grains.GetGrain<IPinCaseGrain>(seeded.CaseNumber).GetView()).Status);
    }

    [Fact]
    public async Task Every_login_decision_is_audited_without_pin_or_birth_date()
    {
        var seeded = await fixture.SeedAsync(PinCaseType.SteuerId);
        using (var client = fixture.ClientFromNewAddress())
        using (await LogInAsync(client, seeded.Pin, BirthDate.AddDays(1)))
        {
        }
        fixture.Clock.Advance(TimeSpan.FromSeconds(1.5));
        await fixture.TokenAsync(seeded);

        var entries = await fixture.Host.Services.GetRequiredService<IAuditTrail>().ReadBySubjectAsync("pin-case", seeded.CaseNumber, 100);

        Assert.Equal(["pin.login.failed", "pin.login.succeeded"], entries.Select(e => e.Action).Order(StringComparer.Ordinal));
        Assert.All(entries, e => Assert.Equal("pin:" + seeded.CaseNumber, e.ActorId));
        var normalized = seeded.Pin.Replace("-", "", StringComparison.Ordinal);
        Assert.DoesNotContain(entries, e => $"{e.ActorId}|{e.ActorRole}|{e.Action}|{e.SubjectId}|{e.InsuredId}".Contains(normalized, StringComparison.Ordinal)
            || $"{e.ActorId}|{e.SubjectId}|{e.InsuredId}".Contains("1980", StringComparison.Ordinal));
    }

    /// <summary>A valid PIN of another case (so the wrong-PIN attempt really checks a wrong PIN against this case).</summary>
    private async Task<string> OtherPinAsync(SeededCase notThis)
    {
        var other = await fixture.SeedAsync(PinCaseType.SteuerId);
        Assert.NotEqual(notThis.Pin, other.Pin);
        return other.Pin;
    }
}
