using Kasse.Silo;

namespace Kasse.Tests.Foundation;

/// <summary>The Orleans section is bound to checked options: a wrong value stops the start and names its key.</summary>
public sealed class SiloConfigurationTests
{
    [Theory]
    [InlineData("Orleans:AdvertisedIPAddress", "kein-host", "Orleans:AdvertisedIPAddress")]
    [InlineData("Orleans:SiloPort", "70000", "Orleans:SiloPort")]
    [InlineData("Orleans:GatewayPort", "0", "Orleans:GatewayPort")]
    [InlineData("Orleans:ClusterId", "", "Orleans:ClusterId")]
    [InlineData("Orleans:SiloPort", "elf", "Orleans")]
    public void A_wrong_silo_setting_refuses_to_start_and_names_the_key(string key, string value, string named)
    {
        var error = Assert.Throws<InvalidOperationException>(() => KasseServer.Create([$"--{key}", value]));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Silo_and_gateway_on_one_port_refuse_to_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => KasseServer.Create(["--Orleans:SiloPort", "31000", "--Orleans:GatewayPort", "31000"]));
        Assert.Contains("Orleans:GatewayPort", error.Message, StringComparison.Ordinal);
    }
}
