using System.Collections.Concurrent;
using Kasse.Rules;
using Microsoft.Extensions.Logging;

namespace Kasse.Grains.Rules;

/// <summary>
/// This silo's compiled active rule sets. Swapped whole when the registry names a new active version; evaluation
/// reads the current engine and never compiles.
/// </summary>
public sealed partial class ActiveRuleSets(IGrainFactory grains, IRuleSetStore store, ILogger<ActiveRuleSets> logger)
{
    private readonly ConcurrentDictionary<string, RuleSetEngine> _engines = new();

    public RuleSetEngine? Find(string ruleSet) => _engines.GetValueOrDefault(ruleSet);

    /// <summary>The versions this silo evaluates with, by rule set.</summary>
    public IReadOnlyDictionary<string, int> Versions => _engines.ToDictionary(e => e.Key, e => e.Value.Version);

    /// <summary>Loads and compiles every rule set whose active version changed since the last refresh.</summary>
    public async Task RefreshAsync()
    {
        var active = await grains.GetGrain<IRuleRegistryGrain>(0).GetActive();
        foreach (var (name, version) in active)
        {
            if (_engines.TryGetValue(name, out var current) && current.Version == version)
                continue;
            var kind = RuleSetCatalog.Find(name);
            var json = await store.LoadAsync(name, version);
            if (kind is null || json is null)
            {
                LogMissing(logger, name, version);
                continue;
            }
            try
            {
                _engines[name] = kind.Compile(RuleSetDocument.Parse(json), version);
                LogLoaded(logger, name, version);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Cannot happen for a version that passed publication; keep evaluating with the previous one.
                LogCompileFailed(logger, name, version, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule set {RuleSet} version {Version} loaded on this silo")]
    private static partial void LogLoaded(ILogger logger, string ruleSet, int version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Active rule set {RuleSet} version {Version} is unknown or missing from the store")]
    private static partial void LogMissing(ILogger logger, string ruleSet, int version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Active rule set {RuleSet} version {Version} does not compile; the previous version stays in use")]
    private static partial void LogCompileFailed(ILogger logger, string ruleSet, int version, Exception exception);
}
