namespace Kasse.Grains.Rules.Inputs;

/// <summary>The typed input of the SEPA-mandate plausibility rule set: what the form submits, plus the day it is judged on.</summary>
public sealed record SepaMandate(
    string? Kvnr,
    string? AccountHolder,
    DateOnly BirthDate,
    string? Street,
    string? PostalCode,
    string? City,
    string? Iban,
    string? Bic,
    string? MandateReference,
    string? MandateType,
    string? CreditorName,
    string? CreditorId,
    string? SigningPlace,
    DateOnly SignedOn,
    DateOnly FirstCollectionOn,
    bool AuthorisationAccepted,
    DateOnly Today);
