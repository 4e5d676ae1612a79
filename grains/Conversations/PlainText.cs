namespace Kasse.Grains.Conversations;

/// <summary>
/// Text a person typed: any character but control characters (line breaks and tabs allowed). NUL in particular
/// cannot be stored in PostgreSQL text and would fail a whole group-committed batch of other people's messages.
/// </summary>
public static class PlainText
{
    public static bool IsClean(string? text)
    {
        if (text is null)
            return true;
        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
                return false;
        }
        return true;
    }
}
