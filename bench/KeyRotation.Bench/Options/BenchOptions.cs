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

    /// <summary>Which runs (<see cref="AllRuns"/>). Default ours-bulk, ours-lambda, fan-out, peer, baseline.</summary>
    public IReadOnlySet<string> Runs { get; init; } = new HashSet<string>(StringComparer.Ordinal) { OursBulk, OursLambda, FanOut, Peer, Baseline };

    /// <summary>Organizational units in the generated organization. Default 10.</summary>
    public int OrganizationalUnits { get; init; } = 10;

    /// <summary>
    /// Organizations request rates (per second, the whole organization) for the sensitivity table: the bound is
    /// computed again and ours-bulk run again at each, server limit and client-side pacing both set to it. Empty (the
    /// default): no sensitivity runs.
    /// </summary>
    public IReadOnlyList<double> OrganizationsRates { get; init; } = [];

    /// <summary>Accounts one single-function sweep processes at once in Lambda (ours-lambda). Default 64, the central template's MaxAccountsInFlight default (and maximum).</summary>
    public int LambdaAccountsInFlight { get; init; } = 64;

    /// <summary>The Distributed Map's MaxConcurrency (fan-out). Default 20, the central template's MaxConcurrentAccountExecutions default.</summary>
    public int FanOutConcurrency { get; init; } = 20;

    /// <summary>
    /// How the fan-out's invocations pace Organizations: <see cref="SharedTurns"/> (the default, as the template deploys
    /// it: every invocation takes its turns from the one turns table, at the whole rate) or <see cref="Shares"/> (no
    /// table: each rotate-account paces alone at rate / MaxConcurrency, as before the table, for comparison).
    /// </summary>
    public string FanOutPacing { get; init; } = SharedTurns;

    public const string SharedTurns = "turns";

    public const string Shares = "shares";

    /// <summary>
    /// Time before each invoked function runs: a Map item's child execution and lambda:invoke task, or an
    /// asynchronous invocation's queueing (assumed: AWS publishes no figure). Default 200 ms.
    /// </summary>
    public TimeSpan ItemStartOverhead { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>One Lambda Invoke API call (InvocationType=Event) by the peer's inventory loop (assumed). Default 25 ms.</summary>
    public TimeSpan InvokeLatency { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Invocations Lambda runs at once for the peer: the default regional concurrency quota. Default 1,000.</summary>
    public int PeerConcurrency { get; init; } = 1000;

    /// <summary>Real seconds per simulated second for the fan-out after its listing (hours simulated at 10,000 accounts). Default 0.1.</summary>
    public double FanOutTimeScale { get; init; } = 0.1;

    /// <summary>Real seconds per simulated second for the peer (its Lambda retries wait minutes). Default 0.5.</summary>
    public double PeerTimeScale { get; init; } = 0.5;

    /// <summary>
    /// The framework-dependent (JIT) Lambda bootstrap to time from process start to its first Runtime API request.
    /// Default: the one the bench's build puts in src/KeyRotation.Lambda/bin/Release/net10.0.
    /// </summary>
    public string JitBootstrap { get; init; } = RepositoryPath("src", "KeyRotation.Lambda", "bin", "Release", "net10.0", "bootstrap");

    /// <summary>The Native AOT bootstrap. Default: artifacts/lambda-publish/bootstrap, made by scripts/package-lambda.sh.</summary>
    public string AotBootstrap { get; init; } = RepositoryPath("artifacts", "lambda-publish", "bootstrap");

    /// <summary>Skip the cold-start measurement. Default false.</summary>
    public bool SkipColdStart { get; init; }

    /// <summary>These options with the Organizations rate set on both sides: the simulated server's limit (its burst
    /// kept) and the engine's client-side pacing.</summary>
    public BenchOptions WithOrganizationsRate(double perSecond) => this with
    {
        Costs = Costs with { Organizations = Costs.Organizations with { RequestsPerSecond = perSecond } },
        Resilience = Resilience with { RateLimits = Resilience.RateLimits with { OrganizationsRequestsPerSecond = perSecond } },
    };

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
    public const string OursLambda = "ours-lambda";
    public const string FanOut = "fan-out";
    public const string Peer = "peer";

    public static readonly IReadOnlyList<string> AllRuns = [OursBulk, OursPerKey, OursLambda, FanOut, Peer, Baseline];
}
