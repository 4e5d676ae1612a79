namespace Kasse.Grains.Rules.Inputs;

/// <summary>
/// An accident questionnaire answered on an EinmalPIN letter, judged for straight-through processing: a third party
/// or a police report means a possible recourse claim (§ 116 SGB X) that a clerk must look at.
/// </summary>
public sealed record UnfallfragebogenSubmission(
    bool ThirdPartyInvolved,
    bool PoliceReport,
    bool ConsentGiven,
    DateOnly Deadline,
    DateOnly Today);
