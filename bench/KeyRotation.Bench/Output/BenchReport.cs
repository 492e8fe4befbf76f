using KeyRotation.Bench.Measuring;
using KeyRotation.Bench.Scenarios;

namespace KeyRotation.Bench.Output;

/// <summary>Everything one benchmark invocation measured, as written to results.json.</summary>
internal sealed record BenchReport(
    DateTimeOffset StartedAt,
    string Machine,
    string Command,
    IReadOnlyList<string> Assumptions,
    IReadOnlyList<SizeResult> Sizes,
    IReadOnlyList<ColdStartResult> ColdStart);

/// <summary>The runs of one organization size and the lower bound they are held to.</summary>
internal sealed record SizeResult(int Accounts, int UsersPerAccount, LowerBound? LowerBound, IReadOnlyList<RunResult> Runs)
{
    /// <summary>The fan-out's own bound (its Map concurrency, item overhead and re-reads); null when not run.</summary>
    public LowerBound? FanOutBound { get; init; }

    /// <summary>The Organizations-rate sensitivity (<c>--org-rates</c>); empty when not asked for.</summary>
    public IReadOnlyList<OrganizationsRatePoint> OrganizationsRates { get; init; } = [];

    public RunResult? Find(string run) => Runs.FirstOrDefault(r => r.Run == run);
}

/// <summary>Process start to the bootstrap's first Runtime API request; Milliseconds null when not measured.</summary>
internal sealed record ColdStartResult(string Build, double? Milliseconds, string Note);

/// <summary>One point of the Organizations-rate sensitivity: the walk's bound and the whole bound (report first), and the run measured at that rate.</summary>
internal sealed record OrganizationsRatePoint(
    double RequestsPerSecond, double WalkBoundSeconds, double BoundSeconds, double ListingSeconds, double WallSeconds, long Throttled);
