using System.Threading.RateLimiting;

namespace KeyRotation.Engine.Resilience.RateLimits;

/// <summary>
/// The Organizations bucket a fan-out execution environment keeps between the rotate-account invocations of one run.
/// A bucket made per invocation starts empty and holds one token, so an item waits 1/share for each of its re-read
/// requests and the share it is owed while it rotates IAM is lost: at 20 items at once the map ran 1.5x its bound.
/// Kept for the environment, the bucket fills while the item rotates (up to <see cref="RateLimitOptions.OrganizationsBurst"/>)
/// and the next item's re-read goes at once; an environment still sends at most burst + t x share in any t seconds.
/// A new run starts a new, empty bucket, so the map's first items, which all start together, are paced from nothing.
/// </summary>
public sealed class KeptOrganizationsBucket
{
    private readonly object gate = new();
    private string? runId;
    private RateLimiter? bucket;

    /// <summary>The bucket of <paramref name="run"/>: the one kept if it is the same run, else a new one from <paramref name="share"/>.</summary>
    public RateLimiter For(string run, RateLimitOptions share, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(share);
        lock (gate)
        {
            if (bucket is null || !string.Equals(runId, run, StringComparison.Ordinal))
            {
                bucket = OrganizationsBucket(share, time);
                runId = run;
            }

            return bucket;
        }
    }

    /// <summary>The one rule for an Organizations bucket from its options, kept or not.</summary>
    internal static RateLimiter OrganizationsBucket(RateLimitOptions limits, TimeProvider time) =>
        new TimeTokenBucket(limits.OrganizationsRequestsPerSecond, limits.OrganizationsBurst, time, limits.OrganizationsStartsFull);
}
