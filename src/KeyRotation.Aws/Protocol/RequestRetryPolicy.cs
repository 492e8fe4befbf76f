using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience;

namespace KeyRotation.Aws.Protocol;

/// <summary>
/// The protocol clients' own capped per-request retry, what an AWS SDK client does inside itself. A port operation such
/// as discovery or a live re-read is many requests; if only the engine's port-level pipeline retried, one throttled
/// request out of twenty would restart all twenty, which never finishes under sustained throttling. Each request is
/// retried here a few times; the engine's pipeline stays the outer layer for what this cap leaves.
/// Only throttling and transient failures (as <see cref="FailureClassifier"/> and <see cref="AwsHttp"/> classify them)
/// are retried. Every other operation we send is idempotent or safe to repeat: Update/DeleteAccessKey, PutSecretValue,
/// CreateSecret (ResourceExists is handled by the secret store), and Publish (a duplicate notification is acceptable).
/// </summary>
/// <param name="maxRetries">Retries of one request. Default <see cref="DefaultMaxRetries"/>; 0 disables.</param>
/// <param name="waits">Clock the backoff waits on.</param>
/// <param name="random">Jitter source; used under a lock because clients share the policy across threads.</param>
/// <param name="tally">Where each retry is counted, shared with the engine's pipelines so the report shows all retries.</param>
internal sealed class RequestRetryPolicy(int maxRetries, TimeProvider waits, Random random, RetryTally? tally = null)
{
    public const int DefaultMaxRetries = 3;

    /// <summary>Base of the full-jitter exponential backoff: 100 ms, as the AWS SDKs' standard retry mode.</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait before one retry: 5 seconds.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    /// <summary>Sends each request once; for clients built outside a run (tests, tools).</summary>
    public static RequestRetryPolicy None { get; } = new(0, TimeProvider.System, new Random(0));

    private readonly Lock gate = new();

    public int MaxRetries => maxRetries;

    /// <summary>Runs <paramref name="attempt"/> (which must build and sign a fresh request each time) until it succeeds,
    /// fails with something not worth retrying, or the cap is reached; then the last error surfaces unchanged.</summary>
    public async Task<T> SendAsync<T>(string service, string operation, Func<Task<T>> attempt, CancellationToken cancellationToken)
    {
        for (var retries = 0; ; retries++)
        {
            try
            {
                return await attempt().ConfigureAwait(false);
            }
            catch (ServiceException e) when (ShouldRetry(e, service, operation, retries))
            {
                tally?.Add();
                await Task.Delay(Delay(retries), waits, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    internal bool ShouldRetry(ServiceException error, string service, string operation, int retriesSoFar) =>
        retriesSoFar < (error.Kind == FailureKind.Unreachable ? Math.Min(1, maxRetries) : maxRetries)
        // Errors of another service (STS assuming the member role inside the signer) were retried by that SDK client.
        && string.Equals(error.Service, service, StringComparison.Ordinal)
        // Throttling is a rejection before anything was done, so even a create may be sent again.
        // Refused before it was sent, so even a create may go again; once, because nothing answering now rarely changes.
        && (error.Kind is FailureKind.Throttling or FailureKind.Unreachable
            // A create that failed in flight may have made a key; only the engine's checked create may send it again.
            || (error.Kind == FailureKind.Transient && operation != "CreateAccessKey"));

    /// <summary>Full jitter: uniform in [0, min(cap, base * 2^retries)).</summary>
    internal TimeSpan Delay(int retriesSoFar)
    {
        double fraction;
        lock (gate) fraction = random.NextDouble();
        var ceiling = Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * Math.Pow(2, Math.Min(retriesSoFar, 16)));
        return TimeSpan.FromTicks((long)(ceiling * fraction));
    }
}
