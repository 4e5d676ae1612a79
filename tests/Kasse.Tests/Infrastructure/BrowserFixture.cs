using Microsoft.Playwright;

namespace Kasse.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, installed by ./test.sh) driven headless by Playwright; no browser
/// download. Background networking is off because this machine's network is closed.
/// One browser serves every test class of the run (each test opens its own isolated context): starting Playwright's
/// driver and Chromium per class cost seconds of CPU each on a 2-core machine. A browser that crashed is started anew.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly SemaphoreSlim StartLock = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _shared;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("browser not started");

    public async Task InitializeAsync() => _browser = await SharedAsync();

    // The shared browser outlives each class; it ends with the test process.
    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<IBrowser> SharedAsync()
    {
        await StartLock.WaitAsync();
        try
        {
            if (_shared is { IsConnected: true })
                return _shared;
            var executable = Environment.GetEnvironmentVariable("KASSE_CHROMIUM") ?? "/usr/bin/chromium";
            if (!File.Exists(executable))
                throw new InvalidOperationException($"Chromium not found at {executable}; ./test.sh installs Debian's chromium.");
            _playwright ??= await Playwright.CreateAsync();
            _shared = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                ],
            });
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Close();
            return _shared;
        }
        finally
        {
            StartLock.Release();
        }
    }

    private static void Close()
    {
        try
        {
            _shared?.CloseAsync().Wait(TimeSpan.FromSeconds(5));
            _playwright?.Dispose();
        }
        catch (AggregateException)
        {
            // The process ends anyway; Chromium follows its driver.
        }
    }
}
