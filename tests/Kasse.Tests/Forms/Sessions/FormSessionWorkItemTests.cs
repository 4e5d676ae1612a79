using Kasse.Customers;
using Kasse.Forms;
using Kasse.Inbox;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Kasse.Tests.Forms.Sessions.FormSessionScene;

namespace Kasse.Tests.Forms.Sessions;

/// <summary>
/// A session started from an inbox work item: only the agent it is assigned to may start it, the insured comes from
/// the customer's master data, and a submission a clerk must look at lands on that same item.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class FormSessionWorkItemTests(EmbeddedHostFixture fixture) : IAsyncLifetime
{
    private FormSessionScene _scene = null!;

    public async Task InitializeAsync() => _scene = await OnPublishedAsync(fixture.Host);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_form_started_from_an_assigned_work_item_reports_its_submission_on_that_item()
    {
        var itemId = await AssignedLetterItemAsync();
        var id = Guid.NewGuid();
        var start = new FormSessionStart(FormNames.Accident, FormOrigin.WorkItem, "", WorkItemId: itemId);

        var refused = await Assert.ThrowsAsync<FormException>(() => _scene.Session(id).StartForCustomer(_scene.OtherAgent, start));
        var snapshot = await _scene.Session(id).StartForCustomer(_scene.Agent, start);
        var session = _scene.Session(id);
        await session.GrantAccess(_scene.Insured);
        var before = (await Item(itemId).GetView())!.MessageCount;
        await EnterAsync(session, _scene.Insured, AccidentAnswers.WithThirdParty());
        var receipt = await session.Submit(_scene.Insured, "submit-1");

        Assert.Equal(FormErrors.NotAssigned, refused.Code);
        Assert.Equal(FormAccessStatus.Requested, snapshot.State.Access.Status);
        Assert.Equal((FormSubmissionOutcome.RoutedToClerk, itemId), (receipt.Outcome, receipt.WorkItemId));
        Assert.Equal(before + 1, (await Item(itemId).GetView())!.MessageCount);
        Assert.Null(await Item(WorkItemKeys.External(WorkChannel.FormCase, id.ToString())).GetView());
    }

    private IWorkItemGrain Item(string itemId) => _scene.Grains.GetGrain<IWorkItemGrain>(itemId);

    /// <summary>A letter of the insured, assigned to the scene's agent (straight through the item, no queue serves it).</summary>
    private async Task<string> AssignedLetterItemAsync()
    {
        var pseudonyms = fixture.Host.Services.GetRequiredService<CustomerPseudonyms>();
        await _scene.Grains.GetCustomer(pseudonyms, _scene.Insured.UserId).UpsertProfile(
            new CustomerProfile(_scene.Insured.UserId, "Anna", "Bergmann", new DateOnly(1980, 5, 1), null, PreferredChannel.Email));
        var itemId = WorkItemKeys.External(WorkChannel.Email, Guid.NewGuid().ToString("N"));
        await Item(itemId).Create(new NewWorkItem(
            WorkChannel.Email, pseudonyms.KeyOf(_scene.Insured.UserId), "Unfall gemeldet", ["niemand-" + Guid.NewGuid().ToString("N")[..8]]));
        var offerId = Guid.NewGuid();
        Assert.True(await Item(itemId).Offer(offerId, _scene.Agent.UserId, 1, 10, DateTimeOffset.UtcNow.AddMinutes(5)));
        await Item(itemId).Accept(offerId, _scene.Agent.UserId);
        return itemId;
    }
}
