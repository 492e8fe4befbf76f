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
    public RunResult? Find(string run) => Runs.FirstOrDefault(r => r.Run == run);
}

/// <summary>Process start to the bootstrap's first Runtime API request; Milliseconds null when not measured.</summary>
internal sealed record ColdStartResult(string Build, double? Milliseconds, string Note);
