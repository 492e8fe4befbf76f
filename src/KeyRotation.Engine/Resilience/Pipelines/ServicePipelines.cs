using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience.RateLimits;
using KeyRotation.Engine.Resilience.Retry;
using KeyRotation.Engine.Runs;
using System.Threading.RateLimiting;
using Polly;
using Polly.RateLimiting;

namespace KeyRotation.Engine.Resilience.Pipelines;

/// <summary>
/// One Polly pipeline per service, built once per run: retry outermost, so that every attempt (retries included)
/// waits for its own rate-limit token. IAM's token comes from the bucket of the account named in the context (IAM
/// meters requests, and each IAM call through the pipeline is one operation, one request); Organizations and STS
/// each have one bucket for the whole run, or, when the deployment keeps shared turns, Organizations takes every
/// request's turn from them (<see cref="SharedOrganizationsPace"/>), so invocations running at once pace together.
/// </summary>
internal static class ServicePipelines
{
    /// <summary>The account an IAM call acts in; selects its token bucket.</summary>
    public static readonly ResiliencePropertyKey<string> AccountKey = new("keyrotation.account");

    public static IReadOnlyDictionary<string, ResiliencePipeline> Build(
        RetryOptions retry, RateLimitOptions rateLimits, RetryTally tally, TimeProvider time, Func<double> random,
        IOrganizationsTurns? organizationsTurns = null)
    {
        var iamLimiters = new AccountRateLimiters(rateLimits, time);
        RateLimiter organizationsLimiter = organizationsTurns is null
            ? new TimeTokenBucket(rateLimits.OrganizationsRequestsPerSecond, rateLimits.OrganizationsBurst, time, rateLimits.OrganizationsStartsFull)
            : new SharedOrganizationsPace(organizationsTurns, rateLimits.OrganizationsRequestsPerSecond, rateLimits.OrganizationsBurst, time);
        var stsLimiter = new TimeTokenBucket(rateLimits.StsRequestsPerSecond, rateLimits.StsBurst, time);

        var pipelines = new Dictionary<string, ResiliencePipeline>(StringComparer.Ordinal);
        foreach (var service in OperationNames.Services)
        {
            var builder = new ResiliencePipelineBuilder { Name = service, TimeProvider = time };
            if (retry.MaxRetryAttempts > 0)
                builder.AddRetry(RetryStrategy.Create(retry, random, tally));

            if (service == OperationNames.Iam)
            {
                builder.AddRateLimiter(new RateLimiterStrategyOptions
                {
                    RateLimiter = args => iamLimiters
                        .For(args.Context.Properties.GetValue(AccountKey, ""))
                        .AcquireAsync(1, args.Context.CancellationToken),
                });
            }
            else if (service == OperationNames.Organizations)
            {
                builder.AddRateLimiter(organizationsLimiter);
            }
            else if (service == OperationNames.Sts)
            {
                builder.AddRateLimiter(stsLimiter);
            }

            pipelines[service] = builder.Build();
        }

        return pipelines;
    }
}
