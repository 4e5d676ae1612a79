namespace Kasse.Tests.Chat;

/// <summary>
/// An incoming grain call filter that fails the next calls of one grain method with a given exception, as a silo
/// failure or a bug would: how a test makes the cluster misbehave for exactly one call.
/// </summary>
public sealed class GrainCallFaults : IIncomingGrainCallFilter
{
    private readonly Lock _gate = new();
    private string? _method;
    private Func<Exception>? _fault;
    private int _remaining;

    /// <summary>The next <paramref name="times"/> calls of <paramref name="methodName"/> throw what <paramref name="fault"/> makes.</summary>
    public void FailNext(string methodName, int times, Func<Exception> fault)
    {
        lock (_gate)
            (_method, _remaining, _fault) = (methodName, times, fault);
    }

    public Task Invoke(IIncomingGrainCallContext context)
    {
        Func<Exception>? fault = null;
        lock (_gate)
        {
            if (_remaining > 0 && context.MethodName == _method)
            {
                _remaining--;
                fault = _fault;
            }
        }
        return fault is null ? context.Invoke() : throw fault();
    }
}
