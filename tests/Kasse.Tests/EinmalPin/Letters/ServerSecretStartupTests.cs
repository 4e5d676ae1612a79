using Kasse.Silo;

namespace Kasse.Tests.EinmalPin.Letters;

/// <summary>A silo on PostgreSQL outside Development does not start without the EinmalPIN server secret.</summary>
public sealed class ServerSecretStartupTests
{
    [Fact]
    public void A_production_silo_on_postgresql_without_the_server_secret_refuses_to_start_with_a_clear_message()
    {
        var error = Assert.Throws<InvalidOperationException>(() => KasseServer.Create(
            ["--environment", "Production", "--ConnectionStrings:Kasse", "Host=127.0.0.1;Port=1;Database=none"]));
        Assert.Contains("EinmalPin:ServerSecret is not set", error.Message, StringComparison.Ordinal);
    }
}
