using Kasse.EinmalPin;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Kasse.Grains.EinmalPin.Import;

/// <summary>
/// Single cases in (see <see cref="IPinIntakeGrain"/>): the same validation as the bulk import, one insert through the
/// case store, and for a new case its one-letter batch <c>case-{caseNumber}</c>.
/// </summary>
[StatelessWorker]
public sealed partial class PinIntakeGrain(IPinCaseStore cases, TimeProvider clock, ILogger<PinIntakeGrain> logger) : Grain, IPinIntakeGrain
{
    public async Task<PinIntakeResult> AddCase(PinCaseData data, string requestedBy)
    {
        ArgumentNullException.ThrowIfNull(data);
        var normalized = PinCaseValidation.Normalize(data);
        var errors = PinCaseValidation.Validate(normalized, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (errors.Count > 0)
        {
            var fields = errors
                .GroupBy(e => PinCsvColumns.JsonNameOf(e.Column))
                .ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray());
            return new PinIntakeResult(PinIntakeOutcome.Invalid, normalized.CaseNumber, null, fields);
        }
        var added = await cases.AddAsync([normalized], importId: null);
        var batchId = $"case-{normalized.CaseNumber}";
        if (added.Count == 0)
        {
            var existing = await cases.FindAsync(normalized.CaseNumber);
            if (existing is null || existing.Data != normalized)
                return new PinIntakeResult(PinIntakeOutcome.Conflict, normalized.CaseNumber, null);
            // The same case again: answer with where it stands now (its letter may be out, it may be closed).
            var view = await GrainFactory.GetGrain<IPinCaseGrain>(normalized.CaseNumber).GetView();
            return new PinIntakeResult(
                PinIntakeOutcome.Unchanged, normalized.CaseNumber, existing.ImportId is null ? batchId : $"import-{existing.ImportId:N}", Status: view.Status);
        }
        try
        {
            await GrainFactory.GetGrain<IPinLetterBatchGrain>(batchId).StartForCases([normalized.CaseNumber], reissue: false, requestedBy);
        }
        catch (Exception e) when (e is not PinException)
        {
            // The case is stored; its letter can be requested again (POST /api/einmalpin/letter-batches).
            LogLetterFailed(e);
        }
        return new PinIntakeResult(PinIntakeOutcome.Created, normalized.CaseNumber, batchId, Status: PinCaseStatus.Imported);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "EinmalPIN single case stored, but starting its letter batch failed")]
    private partial void LogLetterFailed(Exception exception);
}
