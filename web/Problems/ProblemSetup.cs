using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Web;

/// <summary>One way every HTTP failure becomes problem details: refusals, unreadable requests, and the rest.</summary>
public static class ProblemSetup
{
    public static IServiceCollection AddKasseProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = FrameworkProblems.AddCode);
        services.AddExceptionHandler<CodedExceptionHandler>();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<TransientFailureHandler>();
        // Unreadable requests throw in every environment (not only Development), so one handler answers them alike.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }
}
