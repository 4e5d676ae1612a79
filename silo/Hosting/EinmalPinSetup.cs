using Kasse.Grains.EinmalPin.Secrets;

namespace Kasse.Silo.Hosting;

/// <summary>
/// Checks the EinmalPIN server secret while the host is built, so a silo on PostgreSQL without one refuses to start
/// with a clear message instead of failing at the first letter (see <see cref="PinServerSecretSource"/>).
/// </summary>
public static class EinmalPinSetup
{
    public static WebApplicationBuilder CheckEinmalPinServerSecret(this WebApplicationBuilder builder)
    {
        _ = PinServerSecretSource.Load(
            builder.Configuration, builder.Configuration.PostgresConnectionString() is not null, builder.Environment.IsDevelopment());
        return builder;
    }
}
