using System.Globalization;
using Kasse.Campaigns.Dwh;
using Kasse.Grains.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>
/// The recent imports (newest 20, for the admin page) and the nightly import: a reminder due at
/// <see cref="DwhOptions.NightlyAt"/> (Europe/Berlin) starts an import of the source table, and re-aims itself at the
/// next night each time (so a change of the clocks or of the setting is followed).
/// </summary>
public sealed partial class DwhImportsGrain(
    [PersistentState("dwh-imports", StorageNames.Default)] IPersistentState<DwhImportsGrain.State> state,
    IOptions<DwhOptions> options,
    TimeProvider clock,
    ILogger<DwhImportsGrain> logger) : Grain, IDwhImportsGrain, IRemindable
{
    public const int MaxRemembered = 20;

    private const string NightlyReminder = "dwh-nightly";

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public async Task Remember(Guid importId)
    {
        if (NewestFirstList.Remember(state.State.Recent, importId, MaxRemembered))
            await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<Guid>> ListRecent() => Task.FromResult<IReadOnlyList<Guid>>(state.State.Recent.ToArray());

    public async Task EnsureNightly()
    {
        if (!options.Value.HasSource)
            return;
        await this.RegisterOrUpdateReminder(NightlyReminder, DueIn(clock.GetUtcNow(), options.Value.NightlyAt), TimeSpan.FromDays(1));
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != NightlyReminder || !options.Value.HasSource)
            return;
        var importId = Guid.NewGuid();
        try
        {
            await GrainFactory.GetGrain<IDwhImportJobGrain>(importId).StartFromSource("nightly");
            LogNightlyStarted(importId);
        }
        finally
        {
            await EnsureNightly();
        }
    }

    /// <summary>The time until the next <paramref name="nightlyAt"/> (HH:mm, Europe/Berlin) after <paramref name="now"/>.</summary>
    public static TimeSpan DueIn(DateTimeOffset now, string nightlyAt)
    {
        var at = TimeOnly.TryParseExact(nightlyAt, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed
            : new TimeOnly(2, 30);
        var local = TimeZoneInfo.ConvertTime(now, Berlin);
        var day = DateOnly.FromDateTime(local.DateTime);
        for (var i = 0; i < 3; i++)
        {
            var candidate = day.AddDays(i).ToDateTime(at);
            var utc = TimeZoneInfo.ConvertTimeToUtc(Berlin.IsInvalidTime(candidate) ? candidate.AddHours(1) : candidate, Berlin);
            if (utc > now.UtcDateTime.AddMinutes(1))
                return utc - now.UtcDateTime;
        }
        return TimeSpan.FromDays(1);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Nightly DWH import {ImportId} started")]
    private partial void LogNightlyStarted(Guid importId);

    [GenerateSerializer, Alias("Kasse.Grains.Campaigns.Dwh.DwhImportsGrain.State")]
    public sealed class State
    {
        [Id(0)] public List<Guid> Recent { get; set; } = [];
    }
}
