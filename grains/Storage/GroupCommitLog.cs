using Microsoft.Extensions.Logging;

namespace Kasse.Grains.Storage;

/// <summary>The log messages of <see cref="GroupCommitWriter{TItem, TResult}"/> (source-generated, so outside the generic type).</summary>
internal static partial class GroupCommitLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing the {Table} writer's connection failed")]
    public static partial void CloseFailed(ILogger logger, string table, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing a batch of {Count} appends to {Table} failed; the callers get an error and retry")]
    public static partial void BatchFailed(ILogger logger, string table, int count, Exception exception);
}
