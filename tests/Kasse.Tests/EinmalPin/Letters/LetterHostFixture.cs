using Kasse.Grains.EinmalPin;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.EinmalPin.Letters;

/// <summary>A host on PostgreSQL for the letter tests, with cases the tests put into <see cref="Cases"/>.</summary>
public sealed class LetterHostFixture : IAsyncLifetime
{
    private KasseTestHost? _host;

    public KasseTestHost Host => _host ?? throw new InvalidOperationException("host not started");

    public ListPinCaseStore Cases { get; } = new();

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        ConnectionString = await postgres.CreateDatabaseAsync("pinletters");
        _host = await StartAsync(ConnectionString, Cases, new Dictionary<string, string>());
    }

    public static Task<KasseTestHost> StartAsync(string connectionString, ListPinCaseStore cases, Dictionary<string, string> settings)
    {
        settings["ConnectionStrings:Kasse"] = connectionString;
        settings["Orleans:ClusterId"] = $"letters-{Guid.NewGuid():N}";
        settings["EinmalPin:LinkBaseUrl"] = "https://kasse.example/pin/";
        return KasseTestHost.StartAsync(settings: settings, configure: builder => builder.Services.AddSingleton<IPinCaseStore>(cases));
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
    }
}
