using System.Text.RegularExpressions;

namespace Kasse.Tests.Deploy;

/// <summary>Which settings are secrets: connection strings (they carry a password), passwords, keys and secrets.</summary>
public static partial class SecretSettings
{
    public static bool IsSecret(string name) => SecretName().IsMatch(name);

    [GeneratedRegex(@"ConnectionStrings__|Password|Secret|PseudonymKey|SigningKey", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
