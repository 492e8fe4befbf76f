namespace KeyRotation.Aws.Protocol;

/// <summary>
/// A value produced once by an async factory and shared by concurrent callers; a failed attempt is forgotten so the
/// next caller tries again. The factory runs without the callers' tokens (one caller giving up does not fail the
/// others); each caller waits with its own.
/// </summary>
internal sealed class SingleFlight<T>(Func<Task<T>> factory)
{
    private readonly Lock gate = new();
    private Task<T>? attempt;

    public Task<T> GetAsync(CancellationToken cancellationToken)
    {
        Task<T> current;
        lock (gate)
        {
            if (attempt is null || attempt.IsFaulted || attempt.IsCanceled) attempt = factory();
            current = attempt;
        }

        return current.WaitAsync(cancellationToken);
    }
}
