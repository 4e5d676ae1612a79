using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Kasse.Campaigns;
using Kasse.Customers;
using Npgsql;
using NpgsqlTypes;

namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>
/// Reads the data warehouse's customer table directly: <c>COPY (SELECT … ORDER BY kvnr) TO STDOUT (FORMAT binary)</c>,
/// row by row (constant memory), in KVNR order so that a resumed import skips exactly the rows it committed. Columns:
/// the CSV's in lower case; <c>geburtsdatum</c> a date, <c>werbeeinwilligung</c> and <c>bonusprogramm</c> booleans,
/// the rest text. Every row is validated as a CSV row is.
/// </summary>
public static partial class PostgresDwhSource
{
    /// <summary>A table name as configured: <c>table</c> or <c>schema.table</c>, plain identifiers only.</summary>
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?$")]
    private static partial Regex TableName();

    public static async Task<long> CountAsync(string connectionString, string table, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {Quoted(table)}", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static async IAsyncEnumerable<DwhParsedRow> ReadAsync(
        string connectionString, string table, CustomerPseudonyms pseudonyms, DateOnly today,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var columns = string.Join(", ", DwhColumns.All.Select(c => Quote(DwhColumns.SourceColumnOf(c)) + CastOf(c)));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var export = await connection.BeginBinaryExportAsync(
            $"COPY (SELECT {columns} FROM {Quoted(table)} ORDER BY {Quote("kvnr")}) TO STDOUT (FORMAT BINARY)", cancellationToken);
        using var keys = pseudonyms.CreateHasher();
        long row = 0;
        while (await export.StartRowAsync(cancellationToken) >= 0)
        {
            row++;
            var errors = new List<DwhFieldError>();
            var kvnr = await TextAsync(export, cancellationToken);
            var givenName = await TextAsync(export, cancellationToken);
            var familyName = await TextAsync(export, cancellationToken);
            var birthDate = await ValueAsync<DateOnly>(export, NpgsqlDbType.Date, cancellationToken);
            var street = await TextAsync(export, cancellationToken);
            var postalCode = await TextAsync(export, cancellationToken);
            var city = await TextAsync(export, cancellationToken);
            var phone = await TextAsync(export, cancellationToken);
            var email = await TextAsync(export, cancellationToken);
            var channelText = await TextAsync(export, cancellationToken);
            var consent = await ValueAsync<bool>(export, NpgsqlDbType.Boolean, cancellationToken);
            var bonus = await ValueAsync<bool>(export, NpgsqlDbType.Boolean, cancellationToken);
            var tariff = await TextAsync(export, cancellationToken);
            if (birthDate is null)
                errors.Add(new(DwhColumns.BirthDate, CustomerMasterValidation.Required));
            PreferredChannel? channel = null;
            if (string.IsNullOrWhiteSpace(channelText))
                errors.Add(new(DwhColumns.PreferredChannel, CustomerMasterValidation.Required));
            else if ((channel = CustomerMasterValidation.ParseChannel(channelText)) is null)
                errors.Add(new(DwhColumns.PreferredChannel, CustomerMasterValidation.BadChannel));
            if (consent is null)
                errors.Add(new(DwhColumns.AdvertisingConsent, CustomerMasterValidation.Required));
            if (bonus is null)
                errors.Add(new(DwhColumns.BonusProgramme, CustomerMasterValidation.Required));
            var record = CustomerMasterValidation.Normalize(new CustomerMasterRecord(
                "", kvnr ?? "", givenName ?? "", familyName ?? "", birthDate ?? today, street ?? "", postalCode ?? "", city ?? "",
                phone, email, channel ?? PreferredChannel.Post, consent ?? false, bonus ?? false, tariff));
            yield return DwhCsvReader.Checked(record, row, row, errors, keys, today);
        }
    }

    private static string CastOf(string column) => column switch
    {
        DwhColumns.BirthDate => "::date",
        DwhColumns.AdvertisingConsent or DwhColumns.BonusProgramme => "::boolean",
        _ => "::text",
    };

    private static async Task<string?> TextAsync(NpgsqlBinaryExporter export, CancellationToken cancellationToken)
    {
        if (export.IsNull)
        {
            await export.SkipAsync(cancellationToken);
            return null;
        }
        return await export.ReadAsync<string>(NpgsqlDbType.Text, cancellationToken);
    }

    private static async Task<T?> ValueAsync<T>(NpgsqlBinaryExporter export, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct
    {
        if (export.IsNull)
        {
            await export.SkipAsync(cancellationToken);
            return null;
        }
        return await export.ReadAsync<T>(type, cancellationToken);
    }

    /// <exception cref="CampaignException">The configured name is not a plain (schema-qualified) identifier.</exception>
    private static string Quoted(string table)
    {
        if (!TableName().IsMatch(table))
            throw new CampaignException(CampaignErrors.ImportInvalid, "Der Name der Quelltabelle (Dwh:SourceTable) ist ungültig.");
        return string.Join('.', table.Split('.').Select(Quote));
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
