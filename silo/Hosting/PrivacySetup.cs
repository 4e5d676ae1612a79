using Kasse.Customers;

namespace Kasse.Silo.Hosting;

/// <summary>
/// <c>Privacy:PseudonymKey</c> (base64, at least 32 bytes): the secret behind the customer grains' pseudonymous keys.
/// The same on every silo and kept for the life of the data (the stored state is found by it). Development falls back to
/// a fixed, public key.
/// </summary>
public static class PrivacySetup
{
    public static WebApplicationBuilder AddKassePrivacy(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration["Privacy:PseudonymKey"];
        CustomerPseudonyms pseudonyms;
        if (!string.IsNullOrEmpty(configured))
            pseudonyms = new CustomerPseudonyms(Convert.FromBase64String(configured));
        else if (builder.Environment.IsDevelopment())
            pseudonyms = CustomerPseudonyms.ForDevelopment();
        else
            throw new InvalidOperationException("Privacy:PseudonymKey (base64, 32 bytes) must be configured outside the Development environment.");
        builder.Services.AddSingleton(pseudonyms);
        return builder;
    }
}
