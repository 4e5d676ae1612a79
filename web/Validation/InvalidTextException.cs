namespace Kasse.Web.Validation;

/// <summary>A request value with text the API does not accept (see <see cref="TextRules"/>); answered 400 INVALID_TEXT.</summary>
public sealed class InvalidTextException : CodedException
{
    public InvalidTextException()
        : this("Die Anfrage")
    {
    }

    /// <param name="field">The name of the refused value (parameter or JSON property), never the value itself.</param>
    public InvalidTextException(string field)
        : base(ProblemCodes.InvalidText, $"„{field}“ enthält unzulässige Zeichen (NUL, Steuerzeichen oder ungültiges Unicode).")
    {
    }

    public InvalidTextException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
