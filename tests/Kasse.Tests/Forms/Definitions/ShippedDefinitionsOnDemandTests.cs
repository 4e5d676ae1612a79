using Kasse.Forms;
using Kasse.Grains.Forms;
using Kasse.Grains.Forms.Definitions;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kasse.Tests.Forms.Definitions;

/// <summary>A session that starts before the shipped definitions were published still finds version 1.</summary>
public sealed class ShippedDefinitionsOnDemandTests
{
    [Fact]
    public async Task Asking_for_a_shipped_form_before_its_publication_publishes_version_1()
    {
        // Without the publisher, nothing else publishes: the first request has to.
        await using var host = await KasseTestHost.StartAsync(configure: builder =>
        {
            var publisher = builder.Services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(FormDefaultsPublisher));
            builder.Services.Remove(publisher);
        });
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        Assert.Null((await grains.GetGrain<IFormDefinitionGrain>(FormNames.Accident).GetOverview()).ActiveVersion);

        var model = await host.Services.GetRequiredService<IFormModels>().GetActiveAsync(FormNames.Accident);

        Assert.Equal(1, model.Version);
        var overview = await grains.GetGrain<IFormDefinitionGrain>(FormNames.Accident).GetOverview();
        Assert.Equal(1, overview.ActiveVersion);
        Assert.Equal("system", Assert.Single(overview.Versions).Author);
        var unknown = await Assert.ThrowsAsync<FormException>(() => host.Services.GetRequiredService<IFormModels>().GetActiveAsync("gibts-nicht"));
        Assert.Equal(FormErrors.DefinitionNotFound, unknown.Code);
    }
}
