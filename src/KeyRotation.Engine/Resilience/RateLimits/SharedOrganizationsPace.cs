using System.Threading.RateLimiting;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Engine.Resilience.RateLimits;

/// <summary>
/// Organizations pacing shared by every invocation of a deployment: each request takes the next free turn from
/// <see cref="IOrganizationsTurns"/> and waits for it. Turns are one interval (1 / rate) apart, so however many
/// invocations run at once their requests together keep to the rate, and a turn one invocation does not need is
/// taken by another instead of sitting idle (per-invocation shares left the fan-out at 1.53x its bound). This is
/// the generic cell rate algorithm: a turn may lie up to burst - 1 intervals in the past, so after an idle spell
/// <c>burst</c> requests go at once, as they do from a token bucket of that burst. A next free turn more than
/// <see cref="Horizon"/> ahead comes from a wrong clock, not from waiting callers, and is restarted from now.
/// </summary>
internal sealed class SharedOrganizationsPace : RateLimiter
{
    /// <summary>The longest a caller can legitimately wait: one Lambda invocation's limit.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromMinutes(15);

    /// <summary>Tries before giving up when other callers keep moving the turn between this caller's two writes.</summary>
    public const int Attempts = 8;

    private static readonly RateLimitLease Granted = new Lease();

    private readonly IOrganizationsTurns turns;
    private readonly TimeProvider time;
    private readonly TimeSpan interval;
    private readonly TimeSpan tolerance;

    public SharedOrganizationsPace(IOrganizationsTurns turns, double perSecond, int burst, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(turns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        this.turns = turns;
        this.time = time;
        interval = TimeSpan.FromSeconds(1 / perSecond);
        tolerance = interval * (burst - 1);
    }

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>Never granted without waiting for the store: a caller that must not wait has no turn.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        throw new NotSupportedException("Organizations turns are taken asynchronously.");

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (permitCount != 1)
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, "One Organizations request takes one turn.");
        var turn = await TakeTurnAsync(cancellationToken).ConfigureAwait(false);
        var wait = turn - time.GetUtcNow();
        if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        return Granted;
    }

    private async Task<DateTimeOffset> TakeTurnAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var now = time.GetUtcNow();
            var (earliest, latest) = (now - tolerance, now + Horizon);
            if (await turns.TryTakeNextAsync(interval, earliest, latest, cancellationToken).ConfigureAwait(false) is { } turn)
                return turn;

            // Idle (or a wrong clock moved the turn out of reach): this request goes now, and the turns restart as a
            // full bucket would, burst - 1 more of them at once.
            if (await turns.TryRestartAsync(earliest + interval, earliest, latest, cancellationToken).ConfigureAwait(false))
                return now;
        }

        throw new ServiceException(OperationNames.Organizations, "TakeTurn", "TurnContention", FailureKind.Transient,
            detail: $"Organizations turns '{turns.Name}': the next free turn moved between every one of {Attempts} tries");
    }

    private sealed class Lease : RateLimitLease
    {
        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
