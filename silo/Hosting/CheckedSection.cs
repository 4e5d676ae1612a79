using System.ComponentModel.DataAnnotations;

namespace Kasse.Silo.Hosting;

/// <summary>Binds a configuration section to options with data annotations; a wrong value stops the start and names its key.</summary>
public static class CheckedSection
{
    public static T Bind<T>(IConfiguration configuration, string section, string what)
        where T : new()
    {
        var options = new T();
        try
        {
            configuration.GetSection(section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"Configuration section '{section}' has a value of the wrong type: {e.Message}", e);
        }
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            var problems = results.Select(r => $"{string.Join(", ", r.MemberNames.Select(m => $"{section}:{m}"))}: {r.ErrorMessage}");
            throw new InvalidOperationException($"Invalid {what} configuration — {string.Join("; ", problems)}");
        }
        return options;
    }
}
