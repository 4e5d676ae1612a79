namespace Kasse.EinmalPin;

/// <summary>The kinds of EinmalPIN case (column <c>Vorgangsart</c> of the print data stream).</summary>
public enum PinCaseType
{
    SteuerId = 1,
    SepaMandat = 2,
    Unfallfragebogen = 3,
}
