using Kasse.Grains.EinmalPin;
using Kasse.Web.Security;

namespace Kasse.Silo.Hosting;

/// <summary>
/// h12-case: what the gateway needs of the EinmalPIN services that live with the grains: the case-session token's
/// signing key, derived from the server secret for that purpose only (the web project does not see the secret).
/// </summary>
public static class EinmalPinWebSetup
{
    public const string TokenKeyPurpose = "case-session-token";

    public static WebApplicationBuilder AddKasseEinmalPinWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => new PinCaseTokenKey(sp.GetRequiredService<IPinServerSecret>().Derive(TokenKeyPurpose)));
        return builder;
    }
}
