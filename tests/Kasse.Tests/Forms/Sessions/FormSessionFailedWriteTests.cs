using Kasse.Forms;
using Kasse.Grains.Forms.Sessions;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Kasse.Tests.Forms.Sessions.FormSessionScene;

namespace Kasse.Tests.Forms.Sessions;

/// <summary>
/// An edit is answered only once its event is in the log. When the append fails, the outcome is unknown: the caller
/// gets an error, the activation goes, and the retry of the same operation is applied exactly once — whether or not
/// the failed append had stored the event.
/// </summary>
public sealed class FormSessionFailedWriteTests : IAsyncLifetime
{
    private readonly FlakyFormSessionLog _log = new(new InMemoryFormSessionLog());
    private KasseTestHost _host = null!;
    private FormSessionScene _scene = null!;

    public async Task InitializeAsync()
    {
        _host = await KasseTestHost.StartAsync(configure: builder => builder.Services.AddSingleton<IFormSessionLog>(_log));
        _scene = await OnPublishedAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_retried_edit_whose_append_failed_is_applied_exactly_once(bool storedBeforeTheError)
    {
        var (_, session, _) = await _scene.StartInPortalAsync(FormNames.Accident);
        var seq = (await session.GetState(_scene.Insured)).Seq;

        _log.FailNext("e-1", storedBeforeTheError);
        await Assert.ThrowsAnyAsync<Exception>(() => session.Edit(_scene.Insured, Set("e-1", "unfallOrt", "\"haushalt\"", 0)));
        var retry = await session.Edit(_scene.Insured, Set("e-1", "unfallOrt", "\"haushalt\"", 0));

        Assert.Equal(storedBeforeTheError ? FormEditStatus.Duplicate : FormEditStatus.Applied, retry.Status);
        Assert.Equal(seq + 1, retry.Seq);
        var state = await session.GetState(_scene.Insured);
        Assert.Equal((seq + 1, "\"haushalt\"", 1L), (state.Seq, Field(state, "unfallOrt").Value, Field(state, "unfallOrt").Version));
    }
}
