using System.Collections.Concurrent;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>The embedded default's submissions: per process, in memory.</summary>
public sealed class InMemoryFormSubmissionStore : IFormSubmissionStore
{
    private readonly ConcurrentDictionary<Guid, StoredFormSubmission> _submissions = new();

    public Task<StoredFormSubmission> AddAsync(StoredFormSubmission submission) =>
        Task.FromResult(_submissions.GetOrAdd(submission.SessionId, submission));

    public Task<StoredFormSubmission?> FindAsync(Guid sessionId) => Task.FromResult(_submissions.GetValueOrDefault(sessionId));
}
