using System.Text.RegularExpressions;
using Kasse.Tests.Infrastructure;
using Microsoft.Playwright;
using static Kasse.Tests.Browser.BrowserWaits;

namespace Kasse.Tests.Browser;

/// <summary>
/// The portal's chat while a silo is down for a moment: the server answers UNAVAILABLE (coded, retryable), and the
/// page sends the message again with the same client message id, showing it as still on its way meanwhile.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed partial class UnavailableRetryBrowserTests(EmbeddedHostFixture host, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Unavailable =
        "An unexpected error occurred invoking 'SendMessage' on the server. HubException: UNAVAILABLE: Der Dienst ist vorübergehend nicht erreichbar.";

    [GeneratedRegex("^(sent|read)$")]
    private static partial Regex Acknowledged();

    [Fact]
    public async Task Message_refused_as_unavailable_is_sent_again_with_the_same_id_and_arrives_once()
    {
        await using var insuredContext = await BrowserSteps.NewContextAsync(browser.Browser, host.Host.BaseAddress);
        await using var agentContext = await BrowserSteps.NewContextAsync(browser.Browser, host.Host.BaseAddress);
        // The first two sends meet a silo that is down; then it is back.
        var refused = 0;
        var tap = await HubTap.AttachAsync(insuredContext, "/hubs/customer",
            invocation => (string?)invocation["target"] == "SendMessage" && Interlocked.Increment(ref refused) <= 2 ? Unavailable : null);
        var insured = await BrowserSteps.SignInToChatAsync(insuredContext, "A123456780", "/portal/");
        var agent = await BrowserSteps.SignInToChatAsync(agentContext, "agent-mueller", "/agent/");
        var id = await BrowserSteps.StartChatAsync(insured, "Beiträge");
        await BrowserSteps.JoinAsync(host.Host, "agent-mueller", agent, id);

        const string question = "Wann wird der Beitrag für Dezember abgebucht?";
        await insured.Locator("#chat-input").FillAsync(question);
        await insured.Locator("#chat-send").ClickAsync();

        var own = insured.Locator("#chat-messages li.chat-message.mine");
        await Assertions.Expect(own.Locator(".chat-status"))
            .ToHaveTextAsync("Wird gesendet – der Dienst ist kurz nicht erreichbar, neuer Versuch läuft …", Text);
        await Assertions.Expect(own).ToHaveAttributeAsync("data-status", "pending", HasAttribute);
        await Assertions.Expect(own).ToHaveAttributeAsync("data-status", Acknowledged(), HasAttribute);
        await Assertions.Expect(agent.Locator("#chat-messages li.chat-message .chat-text")).ToHaveTextAsync([question], Text);

        var sends = tap.Invocations("SendMessage");
        Assert.Equal(3, sends.Count);
        var clientMessageIds = sends.Select(s => (string?)s["arguments"]![1]).Distinct().ToList();
        Assert.Equal([await own.GetAttributeAsync("data-client-id")], clientMessageIds);
        // Never shown as failed on the way.
        await Assertions.Expect(insured.Locator("#chat-messages .chat-retry")).ToHaveCountAsync(0, Count);
    }
}
