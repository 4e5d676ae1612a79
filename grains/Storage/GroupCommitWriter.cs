using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kasse.Grains.Storage;

/// <summary>
/// Group commit for an append-only table: appends from every caller of this silo are gathered into one batch per round
/// trip, written by one loop on one kept connection; a caller's task completes when its batch has committed (or fails
/// with the batch). The connection is kept because a pooled open per batch resets the session and drops the prepared
/// insert; a failed batch drops it, and so does a long quiet spell (servers and proxies close idle connections).
/// </summary>
/// <typeparam name="TItem">What one caller appends (one row or several).</typeparam>
/// <typeparam name="TResult">What the caller gets back once it is stored.</typeparam>
public sealed class GroupCommitWriter<TItem, TResult> : IAsyncDisposable
{
    private static readonly TimeSpan MaxIdle = TimeSpan.FromMinutes(1);
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _table;
    private readonly int _maxRows;
    private readonly Func<TItem, int> _rowsOf;
    private readonly Func<NpgsqlConnection, IReadOnlyList<GroupCommit<TItem, TResult>>, Task> _writeBatch;
    private readonly ILogger _logger;
    private readonly Channel<GroupCommit<TItem, TResult>> _pending =
        Channel.CreateUnbounded<GroupCommit<TItem, TResult>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    /// <param name="dataSource">Where the writer opens its connection.</param>
    /// <param name="table">The table, for log messages.</param>
    /// <param name="maxRows">The most rows one batch gathers (a caller's appends are never split).</param>
    /// <param name="rowsOf">How many rows one append writes.</param>
    /// <param name="writeBatch">Writes one batch in one round trip and completes every append's task (with its result, or
    /// later, off the loop). If it throws, the appends of the batch not yet completed are written again one by one, and
    /// each that fails then fails its caller.</param>
    /// <param name="logger">For failed batches.</param>
    public GroupCommitWriter(
        NpgsqlDataSource dataSource, string table, int maxRows, Func<TItem, int> rowsOf,
        Func<NpgsqlConnection, IReadOnlyList<GroupCommit<TItem, TResult>>, Task> writeBatch, ILogger logger)
    {
        _dataSource = dataSource;
        _table = table;
        _maxRows = maxRows;
        _rowsOf = rowsOf;
        _writeBatch = writeBatch;
        _logger = logger;
        _writer = Task.Run(WriteBatchesAsync);
    }

    /// <summary>Queues an append; the task completes once its batch has committed.</summary>
    public Task<TResult> AppendAsync(TItem item)
    {
        var pending = new GroupCommit<TItem, TResult>(item, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_pending.Writer.TryWrite(pending))
            throw new ObjectDisposedException(_table + " writer");
        return pending.Done.Task;
    }

    /// <summary>Writes what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteBatchesAsync()
    {
        var batch = new List<GroupCommit<TItem, TResult>>();
        NpgsqlConnection? connection = null;
        var lastUsed = 0L;
        while (await _pending.Reader.WaitToReadAsync())
        {
            var rows = 0;
            while (rows < _maxRows && _pending.Reader.TryRead(out var next))
            {
                batch.Add(next);
                rows += _rowsOf(next.Item);
            }
            try
            {
                if (connection is not null && Stopwatch.GetElapsedTime(lastUsed) > MaxIdle)
                    connection = await DropAsync(connection);
                connection ??= await _dataSource.OpenConnectionAsync();
                await _writeBatch(connection, batch);
                lastUsed = Stopwatch.GetTimestamp();
            }
            catch (Exception e)
            {
                // Whatever went wrong, the loop lives on: the appends of this batch are tried once more one by one (so a
                // row the table refuses fails only its own caller), those that fail again fail (their callers retry).
                GroupCommitLog.BatchFailed(_logger, _table, batch.Count, e);
                connection = await DropAsync(connection);
                if (batch.Count == 1)
                    batch[0].Done.TrySetException(e);
                else
                    connection = await WriteOneByOneAsync(batch);
            }
            batch.Clear();
        }
        await DropAsync(connection);
    }

    private async Task<NpgsqlConnection?> WriteOneByOneAsync(List<GroupCommit<TItem, TResult>> batch)
    {
        NpgsqlConnection? connection = null;
        foreach (var item in batch.Where(i => !i.Done.Task.IsCompleted))
        {
            try
            {
                connection ??= await _dataSource.OpenConnectionAsync();
                await _writeBatch(connection, [item]);
            }
            catch (Exception e)
            {
                item.Done.TrySetException(e);
                connection = await DropAsync(connection);
            }
        }
        return connection;
    }

    /// <summary>Closes the writer's connection; a failure to close must not end the writer.</summary>
    private async Task<NpgsqlConnection?> DropAsync(NpgsqlConnection? connection)
    {
        try
        {
            if (connection is not null)
                await connection.DisposeAsync();
        }
        catch (Exception e)
        {
            GroupCommitLog.CloseFailed(_logger, _table, e);
        }
        return null;
    }
}
