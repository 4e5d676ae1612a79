using Kasse.Grains.Common;
using Kasse.Rules;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kasse.Grains.Rules;

/// <summary>
/// Keeps this silo's <see cref="ActiveRuleSets"/> current: publishes the shipped defaults on first start (each kind
/// until it succeeds once), then asks the registry every round.
/// </summary>
public sealed class RuleSetActivationWatcher(
    IGrainFactory grains, ActiveRuleSets active, IHostApplicationLifetime lifetime, RuleSetWatcherOptions options,
    ILogger<RuleSetActivationWatcher> logger) : ActiveVersionPoller(lifetime, options.RefreshInterval, logger)
{
    private readonly List<RuleSetKind> _defaultsPending = [.. RuleSetCatalog.All];

    protected override string What => "the active rule sets";

    protected override async Task RefreshAsync(CancellationToken stoppingToken)
    {
        // A default that cannot be published yet must not keep the others, nor the refresh, from happening.
        var failures = new List<Exception>();
        foreach (var kind in _defaultsPending.ToArray())
        {
            try
            {
                await grains.GetGrain<IRuleSetGrain>(kind.Name).EnsureDefault(kind.DefaultDocumentJson());
                _defaultsPending.Remove(kind);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Add(e);
            }
        }
        try
        {
            await active.RefreshAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failures.Add(e);
        }
        if (failures.Count > 0)
            throw new AggregateException(failures);
    }
}
