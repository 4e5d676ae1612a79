using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Kasse.EinmalPin;
using Kasse.Forms;
using Kasse.Grains.EinmalPin;
using Kasse.Grains.Rules;
using Kasse.Rules;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.EinmalPin.Case;

/// <summary>
/// An embedded host for the EinmalPIN case tests: cases and secrets seeded through the stores, a login clock the tests move
/// forward, a one-second first delay, three failures per case and five per client address. Each test gets cases of its
/// own, and HTTP clients from client addresses of their own (127.x.y.z), so throttling in one test touches no other.
/// </summary>
public sealed class PinCaseHostFixture : IAsyncLifetime
{
    public const int MaxFailedAttemptsPerCase = 3;
    public const int MaxFailedAttemptsPerClient = 5;
    public static readonly DateOnly BirthDate = new(1980, 5, 1);
    public const string KnownSteuerId = "36574261809";

    private static int _nextAddress = 1;
    private KasseTestHost? _host;

    public KasseTestHost Host => _host ?? throw new InvalidOperationException("host not started");

    public AdjustableClock Clock { get; } = new();

    public IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

    public async Task InitializeAsync()
    {
        _host = await KasseTestHost.StartAsync(
            settings: new Dictionary<string, string>
            {
                ["EinmalPin:FirstDelay"] = "00:00:01",
                ["EinmalPin:MaxFailedAttemptsPerCase"] = MaxFailedAttemptsPerCase.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["EinmalPin:MaxFailedAttemptsPerClient"] = MaxFailedAttemptsPerClient.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["EinmalPin:ClientLockout"] = "00:10:00",
            },
            configure: builder => builder.Services.AddKeyedSingleton<TimeProvider>(PinClock.Key, Clock));
        foreach (var name in FormNames.Shipped)
        {
            await Eventually.ReturnsAsync(
                () => Grains.GetGrain<IFormDefinitionGrain>(name).GetOverview(), overview => overview.ActiveVersion is not null,
                TimeSpan.FromSeconds(30), $"the publication of {name}");
        }
        var active = Host.Services.GetRequiredService<ActiveRuleSets>();
        await Eventually.ReturnsAsync(
            () => Task.FromResult(active.Versions.Count), n => n == RuleSetNames.All.Count, TimeSpan.FromSeconds(30), "shipped rule sets active");
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
    }

    /// <summary>A new case of <paramref name="type"/> with a letter issued now (or expiring at <paramref name="expiresAt"/>).</summary>
    public async Task<SeededCase> SeedAsync(PinCaseType type, string? prefillSteuerId = KnownSteuerId, DateTimeOffset? expiresAt = null)
    {
        var caseNumber = "T" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        var data = new PinCaseData(
            caseNumber, type, "A123456780", "Erika", "Mustermann", BirthDate, "Heidestraße 17", "51147", "Köln",
            DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)), PrefillIban: null, PrefillSteuerId: prefillSteuerId);
        await Host.Services.GetRequiredService<IPinCaseStore>().AddAsync([data], null);
        return await IssueAsync(data, 1, expiresAt);
    }

    /// <summary>New secrets for the case (a reissue): the earlier PIN and link stop working.</summary>
    public Task<SeededCase> ReissueAsync(SeededCase seeded) => IssueAsync(seeded.Data, seeded.IssueNo + 1, null);

    private async Task<SeededCase> IssueAsync(PinCaseData data, int issueNo, DateTimeOffset? expiresAt)
    {
        var issued = Host.Services.GetRequiredService<IPinSecrets>().Issue(data.CaseNumber, issueNo, "test-" + issueNo, Clock.GetUtcNow());
        var record = expiresAt is { } at ? issued.Record with { ExpiresAt = at } : issued.Record;
        await Host.Services.GetRequiredService<IPinSecretStore>().AddAsync([record]);
        return new SeededCase(data, issued.Pin, issued.LinkToken, issueNo);
    }

    /// <summary>An HTTP client whose connections come from a loopback address of its own: its own throttle.</summary>
    public HttpClient ClientFromNewAddress(string? token = null)
    {
        var n = Interlocked.Increment(ref _nextAddress);
        var source = new IPAddress([127, (byte)(n >> 16 & 0xFF), (byte)(n >> 8 & 0xFF), (byte)(2 + (n & 0xFF) % 250)]);
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = Host.BaseAddress, Timeout = TestTimeouts.Scaled(TimeSpan.FromSeconds(30)) };
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static Task<HttpResponseMessage> LogInAsync(HttpClient client, string pin, DateOnly birthDate, string? linkToken = null) =>
        client.PostAsJsonAsync("/api/einmalpin/login", new { linkToken, pin, birthDate = birthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>Logs in from a new address and answers the case-session token.</summary>
    public async Task<string> TokenAsync(SeededCase seeded)
    {
        using var client = ClientFromNewAddress();
        using var response = await LogInAsync(client, seeded.Pin, BirthDate);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<LoginAnswer>();
        Assert.Equal(seeded.CaseNumber, answer!.CaseNumber);
        return answer.Token;
    }

    public async Task<HubConnection> PinHubAsync(string token)
    {
        var connection = Host.CreateHubConnection("/hubs/pin", token);
        await connection.StartAsync();
        return connection;
    }

    public sealed record LoginAnswer(string Token, string CaseNumber, DateTimeOffset ExpiresAt);
}

/// <summary>A seeded case and the secrets of its letter (in clear, as the print output has them).</summary>
public sealed record SeededCase(PinCaseData Data, string Pin, string LinkToken, int IssueNo)
{
    public string CaseNumber => Data.CaseNumber;
}

[CollectionDefinition(Name)]
public sealed class PinCaseHostCollection : ICollectionFixture<PinCaseHostFixture>
{
    public const string Name = "einmalpin case host";
}
