using System.Text;
using Kasse.Tests.Infrastructure;
using Microsoft.Playwright;
using static Kasse.Tests.Browser.BrowserWaits;

namespace Kasse.Tests.Browser;

/// <summary>
/// Files in the browser chat: an insured person attaches a file in the portal, the agent downloads it at the agent
/// desktop (with the bearer token, saved from a blob), a file of the wrong type is refused with the server's German
/// reason, and the transcript downloads as a PDF.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class ChatFilesBrowserTests(EmbeddedHostFixture host, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Timeout = BrowserSteps.Timeout;

    /// <summary>A "PNG" as far as the server's signature check goes: the 8-byte signature and a few bytes.</summary>
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x2A];

    [Fact]
    public async Task Insured_person_attaches_a_file_and_the_agent_downloads_the_same_bytes()
    {
        await using var sides = await BrowserSteps.SignInBothSidesAsync(browser.Browser, host.Host.BaseAddress, "A123456780", "agent-mueller");
        var (insured, agent) = sides;
        await BrowserSteps.StartAndJoinAsync(host.Host, sides, "Leistungen");

        const string caption = "Hier das Foto vom Rezept.";
        await insured.GetByLabel("Datei anhängen").SetInputFilesAsync(new FilePayload { Name = "rezept.png", MimeType = "image/png", Buffer = Png });
        await Assertions.Expect(insured.Locator("#chat-file-chosen")).ToHaveTextAsync($"Anhang: rezept.png · PNG · {Png.Length} Byte", Text);
        await insured.Locator("#chat-input").FillAsync(caption);
        await insured.Locator("#chat-send").ClickAsync();
        await Assertions.Expect(insured.Locator("#chat-input")).ToHaveValueAsync("", new() { Timeout = Timeout });
        await Assertions.Expect(insured.Locator("#chat-file-chosen")).ToBeHiddenAsync(new() { Timeout = Timeout });

        // Acknowledged on the insured's side, with a client message id like any message.
        var own = insured.Locator("#chat-messages li.chat-message.mine.has-attachment");
        await Assertions.Expect(own).ToHaveCountAsync(1, Count);
        await Assertions.Expect(own).ToHaveAttributeAsync("data-status", new System.Text.RegularExpressions.Regex("^(sent|read)$"), HasAttribute);
        Assert.True(Guid.TryParse(await own.GetAttributeAsync("data-client-id"), out _));
        await Assertions.Expect(own.Locator("button.chat-attachment")).ToHaveTextAsync($"rezept.png · PNG · {Png.Length} Byte", Text);
        await Assertions.Expect(own.Locator(".chat-text")).ToHaveTextAsync(caption, Text);

        // The agent sees the file with its caption and downloads exactly the uploaded bytes.
        var entry = agent.Locator("#chat-messages li.chat-message.theirs.has-attachment");
        await Assertions.Expect(entry).ToHaveCountAsync(1, Count);
        await Assertions.Expect(entry.Locator("button.chat-attachment")).ToHaveTextAsync($"rezept.png · PNG · {Png.Length} Byte", Text);
        await Assertions.Expect(entry.Locator(".chat-text")).ToHaveTextAsync(caption, Text);
        var download = await agent.RunAndWaitForDownloadAsync(() => entry.Locator("button.chat-attachment").ClickAsync());
        Assert.Equal("rezept.png", download.SuggestedFilename);
        Assert.StartsWith("blob:", download.Url, StringComparison.Ordinal);
        Assert.Equal(Png, await ReadAsync(download));
        await Assertions.Expect(agent.Locator("#chat-file-error")).ToHaveTextAsync("", Text);
    }

    [Fact]
    public async Task A_file_that_is_not_pdf_jpeg_or_png_is_refused_with_the_german_reason_and_never_reaches_the_agent()
    {
        await using var sides = await BrowserSteps.SignInBothSidesAsync(browser.Browser, host.Host.BaseAddress, "Z987654321", "agent-schulz");
        var (insured, agent) = sides;
        await BrowserSteps.StartAndJoinAsync(host.Host, sides, "Beiträge");

        // Named like a PDF, but a Windows program: the server checks the signature, not the name.
        var executable = Encoding.ASCII.GetBytes("MZ\u0090\0\u0003\0\0\0 This program cannot be run in DOS mode.");
        await insured.GetByLabel("Datei anhängen").SetInputFilesAsync(
            new FilePayload { Name = "rechnung.pdf", MimeType = "application/pdf", Buffer = executable });
        await insured.Locator("#chat-input").FillAsync("Die Rechnung");
        await insured.Locator("#chat-send").ClickAsync();

        var refused = insured.Locator("#chat-messages li.chat-message.mine.has-attachment");
        await Assertions.Expect(refused).ToHaveAttributeAsync("data-status", "failed", HasAttribute);
        await Assertions.Expect(refused.Locator(".chat-status")).ToHaveTextAsync(
            "Nicht gesendet: Erlaubt sind nur PDF-, JPEG- und PNG-Dateien.", Text);
        await Assertions.Expect(refused.Locator(".chat-attachment")).ToContainTextAsync("rechnung.pdf", Contains);
        // The same bytes would be refused again: no retry, only discard.
        await Assertions.Expect(refused.Locator(".chat-retry")).ToHaveCountAsync(0, Count);

        // A message after the refused file reaches the agent; the file never does.
        await insured.Locator("#chat-input").FillAsync("Ich schicke sie per Post.");
        await insured.Locator("#chat-send").ClickAsync();
        await Assertions.Expect(agent.Locator("#chat-messages li.chat-message .chat-text")).ToHaveTextAsync(["Ich schicke sie per Post."], Text);
        await Assertions.Expect(agent.Locator("#chat-messages li.chat-message")).ToHaveCountAsync(1, Count);
        await Assertions.Expect(agent.Locator("#chat-messages .chat-attachment")).ToHaveCountAsync(0, Count);

        await refused.Locator(".chat-discard").ClickAsync();
        await Assertions.Expect(insured.Locator("#chat-messages li.chat-message.has-attachment")).ToHaveCountAsync(0, Count);

        // Too large is caught before anything is sent.
        await insured.GetByLabel("Datei anhängen").SetInputFilesAsync(
            new FilePayload { Name = "scan.pdf", MimeType = "application/pdf", Buffer = new byte[10 * 1024 * 1024 + 1] });
        await Assertions.Expect(insured.Locator("#chat-file-error")).ToContainTextAsync("Erlaubt sind höchstens 10 MB.", Contains);
        await Assertions.Expect(insured.Locator("#chat-file-chosen")).ToBeHiddenAsync(new() { Timeout = Timeout });
    }

    [Fact]
    public async Task The_transcript_downloads_as_a_pdf_in_the_portal_and_at_the_agent_desktop()
    {
        await using var sides = await BrowserSteps.SignInBothSidesAsync(browser.Browser, host.Host.BaseAddress, "A123456780", "agent-mueller");
        var (insured, agent) = sides;
        var id = await BrowserSteps.StartChatAsync(insured, "Bescheinigungen");
        await insured.Locator("#chat-input").FillAsync("Bitte eine Mitgliedsbescheinigung.");
        await insured.Locator("#chat-send").ClickAsync();
        await Assertions.Expect(insured.Locator("#chat-messages li.chat-message.mine")).ToHaveAttributeAsync(
            "data-status", new System.Text.RegularExpressions.Regex("^(sent|read)$"), HasAttribute);

        var fromPortal = await insured.RunAndWaitForDownloadAsync(
            () => insured.GetByRole(AriaRole.Button, new() { Name = "Gesprächsverlauf (PDF)" }).ClickAsync());
        Assert.EndsWith(".pdf", fromPortal.SuggestedFilename, StringComparison.Ordinal);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(await ReadAsync(fromPortal), 0, 5), StringComparison.Ordinal);

        await BrowserSteps.JoinAsync(host.Host, sides.AgentId, agent, id);
        var fromAgent = await agent.RunAndWaitForDownloadAsync(
            () => agent.GetByRole(AriaRole.Button, new() { Name = "Gesprächsverlauf (PDF)" }).ClickAsync());
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(await ReadAsync(fromAgent), 0, 5), StringComparison.Ordinal);
    }

    private static async Task<byte[]> ReadAsync(IDownload download)
    {
        Assert.Null(await download.FailureAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
