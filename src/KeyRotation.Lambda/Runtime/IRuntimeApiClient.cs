namespace KeyRotation.Lambda.Runtime;

/// <summary>The Lambda Runtime API (2018-06-01), behind a seam so the loop runs against fakes.</summary>
internal interface IRuntimeApiClient
{
    /// <summary>Waits for the next event; null when the Runtime API will hand out no more (it answered with an error).</summary>
    Task<Invocation?> NextInvocationAsync(CancellationToken cancellationToken);

    Task PostResponseAsync(string requestId, byte[] response, CancellationToken cancellationToken);

    Task PostInvocationErrorAsync(string requestId, RuntimeError error, CancellationToken cancellationToken);

    Task PostInitErrorAsync(RuntimeError error, CancellationToken cancellationToken);
}
