using Kasse.Grains.Audit;
using Kasse.Grains.Campaigns;
using Kasse.Grains.Conversations;
using Kasse.Grains.EinmalPin;
using Kasse.Grains.Forms;
using Kasse.Grains.Gateway;
using Kasse.Grains.Inbox;
using Kasse.Grains.Rules;
using Kasse.Grains.Workspace;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Grains;

/// <summary>The services grains depend on: PostgreSQL-backed when a connection string is given, memory otherwise.</summary>
public static class GrainServices
{
    public static IServiceCollection AddKasseGrainServices(this IServiceCollection services, string? postgresConnectionString)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<GatewayFanout>();
        services.AddPlacementDirector<Cluster.OnTargetSiloPlacement, Cluster.OnTargetSiloPlacementDirector>(); // h14-roll: silo control
        services.AddSingleton<ActiveRuleSets>();
        services.AddSingleton<RuleEvaluator>();
        services.AddSingleton(new RuleSetWatcherOptions(TimeSpan.FromSeconds(1)));
        services.AddOptions<RuleBudgetOptions>().BindConfiguration(RuleBudgetOptions.Section);
        services.AddHostedService<RuleSetActivationWatcher>();
        if (postgresConnectionString is null)
        {
            services.AddSingleton<IConversationHistory, InMemoryConversationHistory>();
            services.AddSingleton<IAuditTrail, InMemoryAuditTrail>();
            services.AddSingleton<IAttachmentStore, InMemoryAttachmentStore>();
            services.AddSingleton<IRuleSetStore, InMemoryRuleSetStore>();
            services.AddSingleton<IDecisionLog, InMemoryDecisionLog>();
        }
        else
        {
            services.AddSingleton(_ => PostgresDataSource.Create(postgresConnectionString));
            services.AddSingleton<IConversationHistory, PostgresConversationHistory>();
            services.AddSingleton<IAuditTrail, PostgresAuditTrail>();
            services.AddSingleton<IAttachmentStore, PostgresAttachmentStore>();
            services.AddSingleton<IRuleSetStore, PostgresRuleSetStore>();
            services.AddSingleton<IDecisionLog, PostgresDecisionLog>();
        }
        services.AddKasseInbox(postgres: postgresConnectionString is not null);
        services.AddKasseWorkspace(postgres: postgresConnectionString is not null);
        services.AddKasseForms(postgres: postgresConnectionString is not null);
        services.AddKasseEinmalPin(postgres: postgresConnectionString is not null);
        services.AddKasseCampaigns(postgres: postgresConnectionString is not null);
        return services;
    }
}
