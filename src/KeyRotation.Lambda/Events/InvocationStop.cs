namespace KeyRotation.Lambda.Events;

/// <summary>
/// An invocation's graceful stop: the runtime shutting down (SIGTERM) or the run's deadline (Lambda's deadline minus
/// the margin), whichever comes first. From then on no account, user or change starts; those in flight finish and
/// are recorded before Lambda's own deadline. Disposed with the invocation.
/// </summary>
internal sealed class InvocationStop : IDisposable
{
    private readonly CancellationTokenSource deadline;
    private readonly CancellationTokenSource linked;

    public InvocationStop(DateTimeOffset? stopAt, TimeProvider time, CancellationToken shutdown)
    {
        var left = stopAt is { } at ? at - time.GetUtcNow() : Timeout.InfiniteTimeSpan;
        deadline = new CancellationTokenSource(left < TimeSpan.Zero && left != Timeout.InfiniteTimeSpan ? TimeSpan.Zero : left, time);
        linked = CancellationTokenSource.CreateLinkedTokenSource(shutdown, deadline.Token);
    }

    public CancellationToken Token => linked.Token;

    public void Dispose()
    {
        linked.Dispose();
        deadline.Dispose();
    }
}
