using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;
using Kasse.EinmalPin;

namespace Kasse.Grains.EinmalPin.Import;

/// <summary>
/// Reads the print data stream with CsvHelper: <c>;</c>-separated, quoted fields (with <c>;</c> and line breaks inside),
/// header by name, dates <c>TT.MM.JJJJ</c>. Streams record by record (constant memory); every row is validated
/// (<see cref="PinCaseValidation"/>) and comes back as a case or as its errors.
/// </summary>
public static class PinCsvReader
{
    /// <summary>A record longer than this is refused (guards against an unclosed quote swallowing the file).</summary>
    public const int MaxRecordBytes = 64 * 1024;

    public const string FieldCountMismatch = "Die Zeile hat {0} Felder, erwartet werden {1}.";

    /// <summary>The rows of <paramref name="stream"/> in <paramref name="encoding"/> (see <see cref="PinTextEncoding"/>).</summary>
    /// <exception cref="PinException"><see cref="PinErrors.ImportInvalid"/>: no header, a column missing, or unreadable CSV.</exception>
    public static async IAsyncEnumerable<PinCsvRecord> ReadAsync(
        Stream stream, Encoding encoding, DateOnly today, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var options = new CsvReaderOptions
        {
            Separator = ';',
            HasHeader = true,
            TrackLineNumbers = true,
            Encoding = encoding,
            MaxRecordSize = MaxRecordBytes,
            IncludeValuesInExceptions = false,
        };
        await using var reader = CsvReader.Create(stream, options, leaveOpen: true);
        var columns = await ReadColumnsAsync(reader, cancellationToken);
        var expectedFields = reader.Headers.Count;
        while (await ReadRecordAsync(reader, cancellationToken))
        {
            var line = reader.LineNumber;
            var row = reader.RowNumber;
            if (reader.FieldCount != expectedFields)
            {
                yield return new PinCsvRecord(line, row, null,
                    [new PinFieldError("", string.Format(System.Globalization.CultureInfo.InvariantCulture, FieldCountMismatch, reader.FieldCount, expectedFields))]);
                continue;
            }
            yield return Parse(reader, columns, line, row, today);
        }
    }

    private static PinCsvRecord Parse(CsvReader reader, int[] columns, long line, long row, DateOnly today)
    {
        string Field(int column) => reader.GetString(columns[column]) ?? "";
        var errors = new List<PinFieldError>();
        var typeCode = Field(1);
        var type = PinCaseTypes.FromCode(typeCode);
        if (type is null)
            errors.Add(new(PinCsvColumns.CaseType, typeCode.Length == 0 ? PinCaseValidation.Required : PinCaseValidation.BadCaseType));
        var birthDate = Date(Field(5), PinCsvColumns.BirthDate, errors);
        var deadline = Date(Field(9), PinCsvColumns.Deadline, errors);
        var iban = Field(10);
        var steuerId = Field(11);
        var data = PinCaseValidation.Normalize(new PinCaseData(
            Field(0), type ?? PinCaseType.SteuerId, Field(2), Field(3), Field(4), birthDate ?? today, Field(6), Field(7), Field(8),
            deadline ?? new DateOnly(2000, 1, 1), iban.Length == 0 ? null : iban, steuerId.Length == 0 ? null : steuerId));
        // The typed checks skip the columns that did not parse; the errors come in column order.
        var parseErrors = errors.Count;
        foreach (var error in PinCaseValidation.Validate(data, today))
        {
            if (!errors.Take(parseErrors).Any(e => e.Column == error.Column))
                errors.Add(error);
        }
        if (errors.Count == 0)
            return new PinCsvRecord(line, row, data, []);
        errors.Sort((a, b) => IndexOf(a.Column).CompareTo(IndexOf(b.Column)));
        return new PinCsvRecord(line, row, null, errors);
    }

    private static int IndexOf(string column)
    {
        for (var i = 0; i < PinCsvColumns.All.Count; i++)
        {
            if (PinCsvColumns.All[i] == column)
                return i;
        }
        return -1;
    }

    private static DateOnly? Date(string text, string column, List<PinFieldError> errors)
    {
        if (text.Length == 0)
        {
            errors.Add(new(column, PinCaseValidation.Required));
            return null;
        }
        var date = PinCaseValidation.ParseDate(text);
        if (date is null)
            errors.Add(new(column, PinCaseValidation.BadDate));
        return date;
    }

    /// <summary>The field index of each of <see cref="PinCsvColumns.All"/> in this file's header.</summary>
    private static async Task<int[]> ReadColumnsAsync(CsvReader reader, CancellationToken cancellationToken)
    {
        try
        {
            await reader.ReadHeaderAsync(cancellationToken);
        }
        catch (CsvFormatException)
        {
            throw new PinException(PinErrors.ImportInvalid, "Die Datei ist keine lesbare CSV-Datei.");
        }
        var headers = reader.Headers;
        if (headers.Count == 0)
            throw new PinException(PinErrors.ImportInvalid, "Die Datei ist leer: die Kopfzeile fehlt.");
        var columns = new int[PinCsvColumns.All.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = -1;
            for (var j = 0; j < headers.Count; j++)
            {
                if (string.Equals(headers[j].Trim(), PinCsvColumns.All[i], StringComparison.Ordinal))
                {
                    columns[i] = j;
                    break;
                }
            }
            if (columns[i] < 0)
                throw new PinException(PinErrors.ImportInvalid, $"Der Kopfzeile fehlt die Spalte „{PinCsvColumns.All[i]}“ (Trennzeichen ;).");
        }
        return columns;
    }

    private static async ValueTask<bool> ReadRecordAsync(CsvReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadAsync(cancellationToken);
        }
        catch (CsvFormatException e)
        {
            throw new PinException(PinErrors.ImportInvalid,
                $"Die Datei ist ab Zeile {e.LineNumber} nicht lesbar (Datensatz zu lang oder Anführungszeichen nicht geschlossen).");
        }
    }
}
