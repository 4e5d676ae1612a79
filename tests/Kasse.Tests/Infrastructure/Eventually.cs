namespace Kasse.Tests.Infrastructure;

/// <summary>Retries an assertion until it holds or the deadline passes; for effects that follow a real event
/// (a silo declared dead, a cluster formed) whose timing the test cannot know. The deadline is
/// <see cref="TestTimeouts.ForEvent"/> of the one asked for, so a busy machine does not fail a test that would pass.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> attempt, Func<T, bool> accept, TimeSpan timeout, string what)
    {
        timeout = TestTimeouts.ForEvent(timeout);
        var deadline = DateTime.UtcNow + timeout;
        Exception? lastError = null;
        T? last = default;
        using var ticker = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        do
        {
            try
            {
                last = await attempt();
                if (accept(last))
                    return last;
                lastError = null;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                lastError = e;
            }
        }
        while (DateTime.UtcNow < deadline && await ticker.WaitForNextTickAsync());
        throw new TimeoutException($"{what} did not happen within {timeout}; last result: {last}", lastError);
    }
}
