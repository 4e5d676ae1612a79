using Kasse.Customers;
using Kasse.Grains.Inbox;
using Kasse.Inbox;
using Kasse.Tests.Infrastructure;
using Kasse.Web.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Waiting;

/// <summary>
/// Outside the service hours (a host whose service-hours clock stands on a Sunday evening in Berlin, hours Mon–Fri
/// 08–18; the silo's own clock runs on) no chat starts; the insured learns when the service opens and can ask for a
/// callback, which becomes one routed work item.
/// </summary>
public sealed class ServiceHoursHubTests : IAsyncLifetime
{
    private const string Insured = "T012345678";
    private KasseTestHost? _host;

    private KasseTestHost Host => _host!;

    /// <summary>The coming Sunday, 20:00 in Berlin (at most a week away, so the host's clock moves little).</summary>
    public static DateTimeOffset SundayEvening()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, berlin).Date;
        var sunday = today.AddDays(((int)DayOfWeek.Sunday - (int)today.DayOfWeek + 7) % 7).AddHours(20);
        return new DateTimeOffset(sunday, berlin.GetUtcOffset(sunday));
    }

    public async Task InitializeAsync() => _host = await StartClosedAsync();

    /// <summary>A host with hours Mon–Fri 08:00–18:00 whose clock stands on a Sunday evening.</summary>
    public static Task<KasseTestHost> StartClosedAsync() => KasseTestHost.StartAsync(
        settings: new Dictionary<string, string> { ["Inbox:ServiceHours:AlwaysOpen"] = "false" },
        configure: builder => builder.Services.AddKeyedSingleton<TimeProvider>(ServiceHoursCalendar.ClockKey, new ShiftedClock(SundayEvening())));

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
    }

    [Fact]
    public async Task Outside_service_hours_no_chat_starts_and_the_status_says_when_the_service_opens()
    {
        await using var insured = Host.CreateHubConnection(CustomerHub.Path, await Host.SignInAsync(Insured));
        await insured.StartAsync();

        var status = await insured.InvokeAsync<ServiceStatus>(nameof(CustomerHub.GetServiceStatus));
        Assert.False(status.Open);
        Assert.Equal("service.closed", status.MessageKey);
        var monday = SundayEvening().Date.AddDays(1).AddHours(8);
        Assert.Equal(monday, status.NextOpening!.Value.DateTime);
        Assert.Contains("08:00 Uhr", status.Message, StringComparison.Ordinal);

        var refused = await Assert.ThrowsAsync<HubException>(() =>
            insured.InvokeAsync<object>(nameof(CustomerHub.StartConversation), Guid.NewGuid(), "Beiträge", null));
        Assert.Equal(InboxErrors.OutsideServiceHours, refused.Code());
        Assert.Contains("geschlossen", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_request_creates_one_routed_callback_item_and_refuses_a_number_that_is_not_german()
    {
        await using var insured = Host.CreateHubConnection(CustomerHub.Path, await Host.SignInAsync(Insured));
        await insured.StartAsync();
        var requestId = "cb-" + Guid.NewGuid().ToString("N");
        var preferred = SundayEvening().AddHours(13);

        var confirmation = await insured.InvokeAsync<CallbackConfirmation>(
            nameof(CustomerHub.RequestCallback), requestId, "Leistungen", "0171 / 123 45 67", preferred);
        var again = await insured.InvokeAsync<CallbackConfirmation>(
            nameof(CustomerHub.RequestCallback), requestId, "Leistungen", "0171 / 123 45 67", preferred);

        Assert.StartsWith("RR-", confirmation.Reference, StringComparison.Ordinal);
        Assert.Equal((confirmation.Reference, confirmation.WorkItemId), (again.Reference, again.WorkItemId));
        Assert.Equal("+49 ••• 67", confirmation.PhoneMasked);
        var item = await Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IWorkItemGrain>(confirmation.WorkItemId).GetView();
        Assert.Equal(WorkChannel.Callback, item!.Channel);
        Assert.Equal(WorkItemStatus.Queued, item.Status);
        Assert.Equal(Host.Services.GetRequiredService<CustomerPseudonyms>().KeyOf(Insured), item.CustomerKey);
        Assert.DoesNotContain(Insured, item.Id, StringComparison.Ordinal); // the item id carries the pseudonym, never the KVNR
        Assert.Equal(confirmation.Reference, item.Reference);
        Assert.Equal(1, item.MessageCount);

        var refused = await Assert.ThrowsAsync<HubException>(() => insured.InvokeAsync<CallbackConfirmation>(
            nameof(CustomerHub.RequestCallback), "cb-" + Guid.NewGuid().ToString("N"), "Leistungen", "+43 1 234567", null));
        Assert.Equal(InboxErrors.PhoneInvalid, refused.Code());
    }
}
