using Kasse.Tests.Infrastructure;
using Microsoft.Playwright;
using static Kasse.Tests.Browser.BrowserWaits;

namespace Kasse.Tests.Browser;

/// <summary>
/// A tab that remembers a conversation the server no longer has (the embedded default keeps conversations in memory,
/// so a restart forgets them) lets it go, instead of listing it with "Dieses Gespräch gibt es nicht" and a retry
/// button that can never succeed.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class VanishedConversationBrowserTests(EmbeddedHostFixture host, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Portal_lets_go_of_a_remembered_conversation_the_server_no_longer_has()
    {
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, host.Host.BaseAddress);
        var page = await BrowserSteps.SignInToChatAsync(context, "A123456780", "/portal/");
        var gone = Guid.NewGuid().ToString();

        // What the tab kept of a conversation from before a restart: opened, selected, with a message not yet sent.
        await page.EvaluateAsync(
            """
            id => {
              const key = name => `kasse.chat.v1.A123456780.${name}`;
              sessionStorage.setItem(key("watched"), JSON.stringify([id]));
              sessionStorage.setItem(key("started"), JSON.stringify([id]));
              sessionStorage.setItem(key("selected"), JSON.stringify(id));
              sessionStorage.setItem(key(id), JSON.stringify({ view: null, events: [], pending: [
                { clientMessageId: "c-before-restart", text: "Sind Sie noch da?", status: "pending", seq: null, error: null,
                  createdAt: new Date().toISOString() }] }));
            }
            """, gone);
        await page.ReloadAsync();

        await Assertions.Expect(page.Locator("#chat-connection")).ToHaveTextAsync("Verbunden", Text);
        await Assertions.Expect(page.Locator($"#chat-list button[data-conversation-id='{gone}']")).ToHaveCountAsync(0, Count);
        await Assertions.Expect(page.Locator("#chat-pane")).ToBeHiddenAsync(Hidden);
        await page.WaitForFunctionAsync(
            "() => sessionStorage.getItem('kasse.chat.v1.A123456780.watched') === '[]'", null, new() { Timeout = BrowserSteps.Timeout });
        await Assertions.Expect(page.Locator("#chat")).Not.ToContainTextAsync("Dieses Gespräch gibt es nicht");
    }
}
