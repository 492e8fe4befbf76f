using KeyRotation.Engine.Runs;
using Polly;
using Polly.Retry;

namespace KeyRotation.Engine.Resilience.Retry;

/// <summary>The retry strategy every service pipeline uses; the operation comes from the context's operation key.</summary>
internal static class RetryStrategy
{
    public static RetryStrategyOptions Create(RetryOptions options, Func<double> random, RetryTally tally) => new()
    {
        MaxRetryAttempts = options.MaxRetryAttempts,
        Delay = options.BaseDelay,
        MaxDelay = options.MaxDelay,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = false,
        Randomizer = random,
        ShouldHandle = args => ValueTask.FromResult(
            args.Outcome.Exception is { } error
            && FailureClassifier.ShouldRetry(error, args.Context.OperationKey ?? "", args.Context.CancellationToken)
            // An endpoint that refuses connections does not come back within a backoff: one retry, then the news.
            && (!FailureClassifier.IsUnreachable(error) || args.AttemptNumber < 1)),
        DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
            FullJitterBackoff.Delay(args.AttemptNumber, options.BaseDelay, options.MaxDelay, random())),
        OnRetry = _ =>
        {
            tally.Add();
            return default;
        },
    };
}
