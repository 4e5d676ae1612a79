using Kasse.Grains.Forms.Sessions;

namespace Kasse.Tests.Forms.Sessions;

/// <summary>A session log whose next append of one operation id fails: before it is stored, or after (a lost answer).</summary>
public sealed class FlakyFormSessionLog(IFormSessionLog inner) : IFormSessionLog
{
    private string? _failOperation;
    private bool _afterStoring;

    public void FailNext(string operationId, bool afterStoring = false) => (_failOperation, _afterStoring) = (operationId, afterStoring);

    public async Task<FormSessionEvent> AppendAsync(FormSessionEvent sessionEvent)
    {
        if (sessionEvent.OperationId is null || sessionEvent.OperationId != _failOperation)
            return await inner.AppendAsync(sessionEvent);
        _failOperation = null;
        if (_afterStoring)
            await inner.AppendAsync(sessionEvent);
        throw new TimeoutException("the database did not answer");
    }

    public Task<IReadOnlyList<FormSessionEvent>> ReadAfterAsync(Guid sessionId, long afterSeq) => inner.ReadAfterAsync(sessionId, afterSeq);

    public Task<FormSessionTail> ReadTailAsync(Guid sessionId, long afterSeq, int operations) => inner.ReadTailAsync(sessionId, afterSeq, operations);
}
