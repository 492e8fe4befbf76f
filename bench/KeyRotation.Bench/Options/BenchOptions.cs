using KeyRotation.Engine.Resilience;
using KeyRotation.Engine.Runs;
using KeyRotation.Simulation.Cost;

namespace KeyRotation.Bench.Options;

/// <summary>What one benchmark run measures. Every default is stated here and in bench/README.md.</summary>
internal sealed record BenchOptions
{
    /// <summary>Organization sizes, in member accounts. Default 100 and 1,000.</summary>
    public IReadOnlyList<int> Accounts { get; init; } = [100, 1000];

    /// <summary>IAM users per account. Default 50.</summary>
    public int UsersPerAccount { get; init; } = 50;

    /// <summary>Seeds the generated organization, key material and jitter. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Real seconds per simulated second for the parallel runs. Default 2: at real time the simulated services' own
    /// work (cost model, in-memory organization, audit table) competes with the engine for two cores and adds about a
    /// second to a 1,000-account run; at half speed the figures are the engine's, not the simulator's.
    /// </summary>
    public double TimeScale { get; init; } = 2;

    /// <summary>Accounts the sequential baseline runs (then extrapolated linearly); 0 runs all. Default 100.</summary>
    public int BaselineSample { get; init; } = 100;

    /// <summary>The engine's accounts in flight. Default 1,000 (the engine's default).</summary>
    public int MaxAccountsInFlight { get; init; } = new RotationRunOptions { RunId = "defaults", AsOf = default }.MaxAccountsInFlight;

    /// <summary>The engine's users in flight per account. Default 4 (the engine's default).</summary>
    public int MaxUsersInFlight { get; init; } = 4;

    /// <summary>
    /// Age of each account's credential report at the start; null (the default) means none exists or it is older
    /// than IAM's four hours, as for a daily run, so every account generates one.
    /// </summary>
    public TimeSpan? ReportAge { get; init; }

    /// <summary>Latency and rate limits. Default <see cref="CostModelOptions.Default"/>.</summary>
    public CostModelOptions Costs { get; init; } = CostModelOptions.Default;

    /// <summary>The engine's retries and client-side pacing. Default <see cref="ResilienceOptions.Default"/>.</summary>
    public ResilienceOptions Resilience { get; init; } = ResilienceOptions.Default;

    /// <summary>Where results.json and results.md go. Default bench/results.</summary>
    public string OutputDirectory { get; init; } = RepositoryPath("bench", "results");

    /// <summary>Which runs: ours-bulk, ours-per-key, baseline. Default all three.</summary>
    public IReadOnlySet<string> Runs { get; init; } = new HashSet<string>(StringComparer.Ordinal) { OursBulk, OursPerKey, Baseline };

    /// <summary>
    /// The framework-dependent (JIT) Lambda bootstrap to time from process start to its first Runtime API request.
    /// Default: the one the bench's build puts in src/KeyRotation.Lambda/bin/Release/net10.0.
    /// </summary>
    public string JitBootstrap { get; init; } = RepositoryPath("src", "KeyRotation.Lambda", "bin", "Release", "net10.0", "bootstrap");

    /// <summary>The Native AOT bootstrap. Default: artifacts/lambda-publish/bootstrap, made by scripts/package-lambda.sh.</summary>
    public string AotBootstrap { get; init; } = RepositoryPath("artifacts", "lambda-publish", "bootstrap");

    /// <summary>Skip the cold-start measurement. Default false.</summary>
    public bool SkipColdStart { get; init; }

    /// <summary>A path under the repository root (the folder holding KeyRotation.sln above the bench binary), or the current folder.</summary>
    public static string RepositoryPath(params string[] parts)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "KeyRotation.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine([folder?.FullName ?? Directory.GetCurrentDirectory(), .. parts]);
    }

    public const string OursBulk = "ours-bulk";
    public const string OursPerKey = "ours-per-key";
    public const string Baseline = "baseline";
}
