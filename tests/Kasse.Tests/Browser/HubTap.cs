using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Kasse.Tests.Browser;

/// <summary>
/// A browser context's hub WebSockets routed through the test (Playwright's WebSocket routing): the SignalR frames pass
/// both ways unchanged, except that the test may answer an invocation itself instead of the server (as a silo that is
/// down would), and may cut the open connections (as a restart would).
/// </summary>
public sealed class HubTap
{
    private const char RecordSeparator = '\u001e';
    private readonly Lock _lock = new();
    private readonly List<JsonObject> _invocations = [];
    private readonly List<IWebSocketRoute> _pages = [];
    private readonly Func<JsonObject, string?> _answer;

    private HubTap(Func<JsonObject, string?> answer) => _answer = answer;

    /// <summary>
    /// Routes the context's connections to <paramref name="hubPath"/> through a new tap. <paramref name="answer"/> sees
    /// every invocation the page sends and returns the error the page gets instead of the server's answer, or null to
    /// pass it on.
    /// </summary>
    public static async Task<HubTap> AttachAsync(IBrowserContext context, string hubPath, Func<JsonObject, string?>? answer = null)
    {
        var tap = new HubTap(answer ?? (_ => null));
        await context.RouteWebSocketAsync(url => new Uri(url).AbsolutePath == hubPath, tap.Route);
        return tap;
    }

    /// <summary>The invocations the page sent so far (target and arguments), in order, also those the tap answered.</summary>
    public IReadOnlyList<JsonObject> Invocations(string target)
    {
        lock (_lock)
            return _invocations.Where(i => (string?)i["target"] == target).ToList();
    }

    /// <summary>Closes every connection the page has open now (the page's client sees the connection drop).</summary>
    public async Task CutAsync()
    {
        IWebSocketRoute[] open;
        lock (_lock)
            open = [.. _pages];
        foreach (var page in open)
            await page.CloseAsync(new() { Code = 1011, Reason = "cut by the test" });
    }

    private void Route(IWebSocketRoute page)
    {
        lock (_lock)
            _pages.Add(page);
        var server = page.ConnectToServer();
        server.OnMessage(frame => page.Send(frame.Text ?? ""));
        page.OnMessage(frame =>
        {
            foreach (var message in (frame.Text ?? "").Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var error = Answer(message);
                if (error is null)
                    server.Send(message + RecordSeparator);
                else
                    page.Send(error + RecordSeparator);
            }
        });
        page.OnClose((_, _) =>
        {
            lock (_lock)
                _pages.Remove(page);
        });
    }

    /// <summary>The completion with an error the page gets instead of the server's answer, or null.</summary>
    private string? Answer(string message)
    {
        if (JsonNode.Parse(message) is not JsonObject json || (int?)json["type"] != 1 || json["target"] is null)
            return null;
        lock (_lock)
            _invocations.Add(json);
        var error = _answer(json);
        return error is null || json["invocationId"] is null
            ? null
            : JsonSerializer.Serialize(new { type = 3, invocationId = (string?)json["invocationId"], error });
    }
}
