using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kasse.Web.Hubs;

/// <summary>
/// SignalR logs every exception that leaves a hub method as an error ("Failed to invoke hub method", with the stack),
/// refusals included — thousands of lines under load for what is expected. A hub's connection handler gets this
/// logger factory instead of the application's: it drops exactly that entry when the exception is a
/// <see cref="HubException"/> (a coded refusal, logged by <see cref="CodedErrorFilter"/> at Information) and passes
/// everything else on, so unexpected failures stay errors with their stack.
/// </summary>
public sealed class RefusalLogFilter(ILoggerFactory inner) : ILoggerFactory
{
    private const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";
    private const string FailedInvokingHubMethod = "FailedInvokingHubMethod";

    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return categoryName.StartsWith(DispatcherCategory, StringComparison.Ordinal) ? new WithoutRefusals(logger) : logger;
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose()
    {
        // The application's factory is not this wrapper's to dispose.
    }

    /// <summary>Gives the connection handler of <typeparamref name="THub"/> this factory.</summary>
    public static void ApplyTo<THub>(IServiceCollection services)
        where THub : Hub =>
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<HubConnectionHandler<THub>>(
            sp, new RefusalLogFilter(sp.GetRequiredService<ILoggerFactory>())));

    private sealed class WithoutRefusals(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is HubException && eventId.Name == FailedInvokingHubMethod)
                return;
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
