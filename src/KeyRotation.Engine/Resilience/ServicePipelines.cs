using Polly;
using Polly.RateLimiting;

namespace KeyRotation.Engine.Resilience;

/// <summary>
/// One Polly pipeline per service, built once per run: retry outermost, so that every attempt (retries included)
/// waits for its own rate-limit token. IAM's token comes from the bucket of the account named in the context (IAM
/// meters requests, and each IAM call through the pipeline is one operation, one request); Organizations and STS
/// each have one bucket for the whole run.
/// </summary>
internal static class ServicePipelines
{
    /// <summary>The account an IAM call acts in; selects its token bucket.</summary>
    public static readonly ResiliencePropertyKey<string> AccountKey = new("keyrotation.account");

    public static IReadOnlyDictionary<string, ResiliencePipeline> Build(
        ResilienceOptions options, RetryTally tally, TimeProvider time, Func<double> random)
    {
        var iamLimiters = new AccountRateLimiters(options.RateLimits, time);
        var organizationsLimiter = new TimeTokenBucket(
            options.RateLimits.OrganizationsRequestsPerSecond, options.RateLimits.OrganizationsBurst, time);
        var stsLimiter = new TimeTokenBucket(options.RateLimits.StsRequestsPerSecond, options.RateLimits.StsBurst, time);

        var pipelines = new Dictionary<string, ResiliencePipeline>(StringComparer.Ordinal);
        foreach (var service in ServiceNames.All)
        {
            var builder = new ResiliencePipelineBuilder { Name = service, TimeProvider = time };
            if (options.Retry.MaxRetryAttempts > 0)
                builder.AddRetry(RetryStrategy.Create(options.Retry, random, tally));

            if (service == ServiceNames.Iam)
            {
                builder.AddRateLimiter(new RateLimiterStrategyOptions
                {
                    RateLimiter = args => iamLimiters
                        .For(args.Context.Properties.GetValue(AccountKey, ""))
                        .AcquireAsync(1, args.Context.CancellationToken),
                });
            }
            else if (service == ServiceNames.Organizations)
            {
                builder.AddRateLimiter(organizationsLimiter);
            }
            else if (service == ServiceNames.Sts)
            {
                builder.AddRateLimiter(stsLimiter);
            }

            pipelines[service] = builder.Build();
        }

        return pipelines;
    }
}
