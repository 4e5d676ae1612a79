using Kasse.Campaigns;
using Kasse.Grains.Campaigns.Dwh;
using Kasse.Grains.EinmalPin;

namespace Kasse.Grains.Campaigns.Batch;

/// <summary>
/// The integrator outputs of a run, one file per channel (docs/campaigns.md, "Outputs"): letters for the print shop,
/// the e-mail send list, the app push list, the call list and the SMS list. <c>;</c> separated, CRLF, formula-safe
/// cells (<see cref="CsvCells"/>); the file is sent as UTF-8 with BOM. Only confirmed contacts, never the control group.
/// </summary>
public static class CampaignOutputCsv
{
    public static string Header(ContactChannel channel) => channel switch
    {
        ContactChannel.Letter => CsvCells.Line("Kontakt_ID", "Zielgruppe", "Variante", "Betreff", "Vorname", "Nachname", "Strasse", "PLZ", "Ort"),
        ContactChannel.Email => CsvCells.Line("Kontakt_ID", "Zielgruppe", "Variante", "Betreff", "E_Mail", "Vorname", "Nachname"),
        ContactChannel.AppPush => CsvCells.Line("Kontakt_ID", "Zielgruppe", "Variante", "Betreff", "Kundenschluessel"),
        ContactChannel.Phone => CsvCells.Line("Kontakt_ID", "Zielgruppe", "Variante", "Betreff", "Telefon", "Vorname", "Nachname"),
        ContactChannel.Sms => CsvCells.Line("Kontakt_ID", "Zielgruppe", "Variante", "Text", "Telefon"),
        _ => throw new CampaignException(CampaignErrors.CampaignInvalid, "Für diesen Kanal gibt es keine Ausgabe."),
    };

    public static string Row(ContactChannel channel, CampaignContactRecord contact, CustomerMasterRecord master, ContentVariant? variant) => channel switch
    {
        ContactChannel.Letter => CsvCells.Line(contact.ContactId, contact.TargetGroup, contact.VariantId, variant?.Subject,
            master.GivenName, master.FamilyName, master.Street, master.PostalCode, master.City),
        ContactChannel.Email => CsvCells.Line(contact.ContactId, contact.TargetGroup, contact.VariantId, variant?.Subject, master.Email, master.GivenName, master.FamilyName),
        ContactChannel.AppPush => CsvCells.Line(contact.ContactId, contact.TargetGroup, contact.VariantId, variant?.Subject, master.CustomerKey),
        ContactChannel.Phone => CsvCells.Line(contact.ContactId, contact.TargetGroup, contact.VariantId, variant?.Subject, master.Phone, master.GivenName, master.FamilyName),
        ContactChannel.Sms => CsvCells.Line(contact.ContactId, contact.TargetGroup, contact.VariantId, variant?.Text, master.Phone),
        _ => throw new CampaignException(CampaignErrors.CampaignInvalid, "Für diesen Kanal gibt es keine Ausgabe."),
    };
}
