using System.Net;
using Kasse.Conversations;
using Kasse.Rules;

namespace Kasse.Tests.Http;

/// <summary>One mapping from a coded refusal (thrown by a grain or an endpoint) to problem details, for every endpoint.</summary>
[Collection(HttpApiCollection.Name)]
public sealed class CodedRefusalTests(HttpApiFixture fixture)
{
    [Fact]
    public async Task Refusals_are_problem_details_with_the_status_of_their_code_and_are_logged_as_one_information_line()
    {
        var host = fixture.Host;
        using var admin = host.CreateClient(await host.SignInAsync("admin"));
        using var insured = host.CreateClient(await host.SignInAsync("A123456780"));

        using var unknownVersion = await admin.GetAsync($"/api/rules/{RuleSetNames.RoutingPriority}/versions/999");
        using var unknownRuleSet = await admin.GetAsync("/api/rules/no.such-set/diff?from=1&to=2");
        using var unknownConversation = await insured.GetAsync($"/api/conversations/{Guid.NewGuid()}/transcript.pdf");
        using var noFile = await insured.PostAsync(
            $"/api/conversations/{Guid.NewGuid()}/attachments", new MultipartFormDataContent { { new StringContent("c-1"), "clientMessageId" } });

        await ProblemAssert.HasCodeAsync(unknownVersion, HttpStatusCode.NotFound, RuleSetErrors.UnknownVersion);
        await ProblemAssert.HasCodeAsync(unknownRuleSet, HttpStatusCode.NotFound, RuleSetErrors.UnknownRuleSet);
        await ProblemAssert.HasCodeAsync(unknownConversation, HttpStatusCode.NotFound, ConversationErrors.NotFound);
        await ProblemAssert.HasCodeAsync(noFile, HttpStatusCode.BadRequest, ConversationErrors.AttachmentMissing);

        // Expected refusals: one Information line each with the code, no error with a stack trace.
        var lines = fixture.Logs.Lines.ToArray();
        foreach (var code in new[] { RuleSetErrors.UnknownVersion, RuleSetErrors.UnknownRuleSet, ConversationErrors.NotFound })
            Assert.Contains(lines, line => line.StartsWith("Information ", StringComparison.Ordinal) && line.Contains($"refused: {code} (404)", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("   at ", StringComparison.Ordinal) && line.Contains("Exception", StringComparison.Ordinal)
            && (line.Contains(nameof(RuleSetException), StringComparison.Ordinal) || line.Contains(nameof(ConversationException), StringComparison.Ordinal)));
    }
}
