namespace Kasse.Campaigns;

/// <summary>
/// Why the Kasse contacts someone. <see cref="Marketing"/> (offers, tariffs, bonus programmes) needs the advertising
/// consent; <see cref="Information"/> (e.g. the member magazine) does not. An objection under §68b SGB V stops both.
/// </summary>
public enum ContactPurpose
{
    Information = 0,
    Marketing = 1,
}
