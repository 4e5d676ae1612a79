using System.ComponentModel.DataAnnotations;
using System.Net;
using Orleans.Configuration;

namespace Kasse.Silo.Hosting;

/// <summary>The <c>Orleans</c> section: who this silo is and where it listens. Checked before the silo starts.</summary>
public sealed class SiloOptions : IValidatableObject
{
    public const string Section = "Orleans";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = EndpointOptions.DEFAULT_SILO_PORT;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = EndpointOptions.DEFAULT_GATEWAY_PORT;

    [Required(AllowEmptyStrings = false)]
    public string ClusterId { get; set; } = "kasse";

    [Required(AllowEmptyStrings = false)]
    public string ServiceId { get; set; } = "kasse";

    /// <summary>The address other silos reach this one at (PostgreSQL clustering).</summary>
    public string AdvertisedIPAddress { get; set; } = "127.0.0.1";

    public IPAddress AdvertisedAddress => IPAddress.Parse(AdvertisedIPAddress);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(AdvertisedIPAddress, out _))
            yield return new ValidationResult("is no IP address", [nameof(AdvertisedIPAddress)]);
        if (SiloPort == GatewayPort)
            yield return new ValidationResult("silo and gateway port must differ", [nameof(SiloPort), nameof(GatewayPort)]);
    }

    /// <summary>Binds and checks the section; a wrong value stops the start with the key that is wrong.</summary>
    public static SiloOptions From(IConfiguration configuration) => CheckedSection.Bind<SiloOptions>(configuration, Section, "silo");
}
