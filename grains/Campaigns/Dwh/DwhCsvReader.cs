using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;
using Kasse.Campaigns;
using Kasse.Customers;

namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>
/// Reads the data warehouse's customer extract with CsvHelper: <c>;</c>-separated, quoted fields, header by name,
/// dates <c>TT.MM.JJJJ</c>, <c>ja</c>/<c>nein</c>. Streams record by record (constant memory); every row comes back as
/// a master record (keyed by the KVNR's pseudonym) or as its errors.
/// </summary>
public static class DwhCsvReader
{
    /// <summary>A record longer than this is refused (guards against an unclosed quote swallowing the file).</summary>
    public const int MaxRecordBytes = 64 * 1024;

    public const string FieldCountMismatch = "Die Zeile hat {0} Felder, erwartet werden {1}.";

    /// <exception cref="CampaignException"><see cref="CampaignErrors.ImportInvalid"/>: no header, a column missing, or unreadable CSV.</exception>
    public static async IAsyncEnumerable<DwhParsedRow> ReadAsync(
        Stream stream, Encoding encoding, CustomerPseudonyms pseudonyms, DateOnly today,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
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
        using var keys = pseudonyms.CreateHasher();
        long dataRow = 0;
        while (await ReadRecordAsync(reader, cancellationToken))
        {
            dataRow++;
            var line = reader.LineNumber;
            if (reader.FieldCount != expectedFields)
            {
                yield return new DwhParsedRow(dataRow, line, null,
                    [new DwhFieldError("", string.Format(CultureInfo.InvariantCulture, FieldCountMismatch, reader.FieldCount, expectedFields))]);
                continue;
            }
            yield return Parse(reader, columns, dataRow, line, keys, today);
        }
    }

    private static DwhParsedRow Parse(CsvReader reader, int[] columns, long dataRow, long line, CustomerPseudonymHasher keys, DateOnly today)
    {
        string Field(int column) => reader.GetString(columns[column]) ?? "";
        var errors = new List<DwhFieldError>();
        var birthText = Field(3).Trim();
        DateOnly? birthDate = null;
        if (birthText.Length == 0)
            errors.Add(new(DwhColumns.BirthDate, CustomerMasterValidation.Required));
        else if ((birthDate = CustomerMasterValidation.ParseDate(birthText)) is null)
            errors.Add(new(DwhColumns.BirthDate, CustomerMasterValidation.BadDate));
        var channel = Parsed(Field(9), DwhColumns.PreferredChannel, CustomerMasterValidation.ParseChannel, CustomerMasterValidation.BadChannel, errors);
        var consent = Parsed(Field(10), DwhColumns.AdvertisingConsent, CustomerMasterValidation.ParseYesNo, CustomerMasterValidation.BadYesNo, errors);
        var bonus = Parsed(Field(11), DwhColumns.BonusProgramme, CustomerMasterValidation.ParseYesNo, CustomerMasterValidation.BadYesNo, errors);
        var record = CustomerMasterValidation.Normalize(new CustomerMasterRecord(
            "", Field(0), Field(1), Field(2), birthDate ?? today, Field(4), Field(5), Field(6), Field(7), Field(8),
            channel ?? PreferredChannel.Post, consent ?? false, bonus ?? false, Field(12)));
        return Checked(record, dataRow, line, errors, keys, today);
    }

    /// <summary>
    /// The typed checks after parsing (they skip columns whose text did not parse); errors in column order; a valid
    /// record gets its pseudonym key.
    /// </summary>
    internal static DwhParsedRow Checked(
        CustomerMasterRecord record, long dataRow, long reportedRow, List<DwhFieldError> parseErrors, CustomerPseudonymHasher keys, DateOnly today)
    {
        var errors = parseErrors;
        foreach (var error in CustomerMasterValidation.Validate(record, today))
        {
            if (!parseErrors.Exists(e => e.Column == error.Column))
                errors.Add(error);
        }
        if (errors.Count == 0)
            return new DwhParsedRow(dataRow, reportedRow, record with { CustomerKey = keys.KeyOf(record.Kvnr) }, []);
        errors.Sort((a, b) => IndexOf(a.Column).CompareTo(IndexOf(b.Column)));
        return new DwhParsedRow(dataRow, reportedRow, null, errors);
    }

    private static T? Parsed<T>(string text, string column, Func<string, T?> parse, string bad, List<DwhFieldError> errors)
        where T : struct
    {
        if (text.Trim().Length == 0)
        {
            errors.Add(new(column, CustomerMasterValidation.Required));
            return null;
        }
        var value = parse(text);
        if (value is null)
            errors.Add(new(column, bad));
        return value;
    }

    private static int IndexOf(string column)
    {
        for (var i = 0; i < DwhColumns.All.Count; i++)
        {
            if (DwhColumns.All[i] == column)
                return i;
        }
        return -1;
    }

    /// <summary>The field index of each of <see cref="DwhColumns.All"/> in this file's header.</summary>
    private static async Task<int[]> ReadColumnsAsync(CsvReader reader, CancellationToken cancellationToken)
    {
        try
        {
            await reader.ReadHeaderAsync(cancellationToken);
        }
        catch (CsvFormatException)
        {
            throw new CampaignException(CampaignErrors.ImportInvalid, "Die Datei ist keine lesbare CSV-Datei.");
        }
        var headers = reader.Headers;
        if (headers.Count == 0)
            throw new CampaignException(CampaignErrors.ImportInvalid, "Die Datei ist leer: die Kopfzeile fehlt.");
        var columns = new int[DwhColumns.All.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = -1;
            for (var j = 0; j < headers.Count; j++)
            {
                if (string.Equals(headers[j].Trim().TrimStart('\uFEFF'), DwhColumns.All[i], StringComparison.OrdinalIgnoreCase))
                {
                    columns[i] = j;
                    break;
                }
            }
            if (columns[i] < 0)
                throw new CampaignException(CampaignErrors.ImportInvalid, $"Der Kopfzeile fehlt die Spalte „{DwhColumns.All[i]}“ (Trennzeichen ;).");
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
            throw new CampaignException(CampaignErrors.ImportInvalid,
                $"Die Datei ist ab Zeile {e.LineNumber} nicht lesbar (Datensatz zu lang oder Anführungszeichen nicht geschlossen).");
        }
    }
}
