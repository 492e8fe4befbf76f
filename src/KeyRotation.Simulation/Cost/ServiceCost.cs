using System.Globalization;

namespace KeyRotation.Simulation.Cost;

/// <summary>What one call to a service costs: its latency, and the token bucket that throttles it when empty.</summary>
public sealed record ServiceCost
{
    /// <summary>Time from request to response, throttled responses included. Default zero.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Tokens added to the bucket per second; null for no limit. Default null.</summary>
    public double? RequestsPerSecond { get; init; }

    /// <summary>Bucket size: calls that may go at once after a quiet spell. Default 1.</summary>
    public int Burst { get; init; } = 1;

    /// <summary>Default <see cref="RateScope.PerAccount"/>.</summary>
    public RateScope Scope { get; init; } = RateScope.PerAccount;

    public static ServiceCost Free { get; } = new();

    internal IEnumerable<string> Problems(string service)
    {
        if (Latency < TimeSpan.Zero)
        {
            yield return $"{service}.Latency must not be negative (got {Latency})";
        }

        if (RequestsPerSecond is { } rate && !(rate > 0 && double.IsFinite(rate)))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{service}.RequestsPerSecond must be a positive number or null (got {rate})");
        }

        if (Burst < 1)
        {
            yield return $"{service}.Burst must be at least 1 (got {Burst})";
        }
    }
}
