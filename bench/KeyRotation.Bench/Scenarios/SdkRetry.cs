using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Resilience.Retry;

namespace KeyRotation.Bench.Scenarios;

/// <summary>
/// An AWS SDK client's standard retry mode around each request of the peer: 3 attempts in all, on throttling and
/// transient errors, waiting a full-jitter backoff from 100 ms (doubling, capped at 20 s) between them; no pacing.
/// </summary>
internal sealed class SdkRetry(TimeProvider clock, Random random, RetryTally tally)
{
    public const int MaxAttempts = 3;

    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(20);

    public async Task<T> SendAsync<T>(Func<Task<T>> request)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await request();
            }
            catch (ServiceException e) when (e.IsRetryable && attempt < MaxAttempts)
            {
                tally.Add();
                double jitter;
                lock (random) jitter = random.NextDouble();
                await Task.Delay(FullJitterBackoff.Delay(attempt - 1, BaseDelay, MaxDelay, jitter), clock);
            }
        }
    }

    public Task SendAsync(Func<ValueTask> request) => SendAsync(async () =>
    {
        await request();
        return true;
    });
}
