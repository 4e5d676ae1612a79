using Kasse.Grains.Audit;
using Kasse.Grains.Conversations;
using Kasse.Grains.Gateway;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kasse.Grains;

/// <summary>The services grains depend on: PostgreSQL-backed when a connection string is given, memory otherwise.</summary>
public static class GrainServices
{
    public static IServiceCollection AddKasseGrainServices(this IServiceCollection services, string? postgresConnectionString)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<GatewayFanout>();
        if (postgresConnectionString is null)
        {
            services.AddSingleton<IConversationHistory, InMemoryConversationHistory>();
            services.AddSingleton<IAuditTrail, InMemoryAuditTrail>();
            services.AddSingleton<IAttachmentStore, InMemoryAttachmentStore>();
        }
        else
        {
            services.AddSingleton(_ => NpgsqlDataSource.Create(postgresConnectionString));
            services.AddSingleton<IConversationHistory, PostgresConversationHistory>();
            services.AddSingleton<IAuditTrail, PostgresAuditTrail>();
            services.AddSingleton<IAttachmentStore, PostgresAttachmentStore>();
        }
        return services;
    }
}
