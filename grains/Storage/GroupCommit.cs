namespace Kasse.Grains.Storage;

/// <summary>One caller's append waiting in a <see cref="GroupCommitWriter{TItem, TResult}"/>: what to write, and the task the caller awaits.</summary>
public sealed record GroupCommit<TItem, TResult>(TItem Item, TaskCompletionSource<TResult> Done);
