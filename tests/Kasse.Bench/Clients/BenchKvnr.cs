using System.Globalization;

namespace Kasse.Bench.Clients;

/// <summary>
/// Synthetic but valid KVNRs for bench insured persons (the forms take the token subject as the KVNR): the letter B,
/// the index as eight digits, and the check digit of <see cref="Kvnr"/>.
/// </summary>
public static class BenchKvnr
{
    public static string For(int index)
    {
        var body = "B" + index.ToString("D8", CultureInfo.InvariantCulture);
        for (var check = 0; check <= 9; check++)
        {
            var candidate = body + check.ToString(CultureInfo.InvariantCulture);
            if (Kvnr.IsValid(candidate))
                return candidate;
        }
        throw new InvalidOperationException("no check digit fits"); // cannot happen: one of ten always does
    }
}
