namespace KeyRotation.Bench.Scenarios;

/// <summary>What one run measured. Times are simulated seconds (real time divided by the time scale).</summary>
internal sealed record RunResult
{
    public required string Run { get; init; }

    public required int Accounts { get; init; }

    public required int UsersPerAccount { get; init; }

    public required double WallSeconds { get; init; }

    /// <summary>How the wall time was obtained when not simply measured, e.g. extrapolated from a sample.</summary>
    public string? WallNote { get; init; }

    public required double RealSeconds { get; init; }

    /// <summary>Simulated seconds of the run's start (audit check, RunStarted, the Organizations walk), run on virtual time.</summary>
    public double ListingSeconds { get; init; }

    /// <summary>The lower bound this run is held to (report first, Organizations term included); null when none.</summary>
    public double? BoundSeconds { get; init; }

    /// <summary>Organizations requests answered (throttled ones not counted).</summary>
    public long OrganizationsCalls { get; init; }

    /// <summary>Peer: invocations (accounts) that failed at least once before Lambda's asynchronous retries.</summary>
    public int FailedAttempts { get; init; }

    public required int Processed { get; init; }

    public required int Failed { get; init; }

    public required int Skipped { get; init; }

    public required int Deferred { get; init; }

    /// <summary>Actions carried out (Succeeded), by name.</summary>
    public required IReadOnlyDictionary<string, int> Actions { get; init; }

    /// <summary>Every call attempted, throttled ones included, by operation.</summary>
    public required IReadOnlyDictionary<string, long> CallsByOperation { get; init; }

    public required IReadOnlyDictionary<string, long> ThrottledByOperation { get; init; }

    public required long Retries { get; init; }

    /// <summary>IAM calls answered per processed account (throttled attempts not counted).</summary>
    public required double IamCallsPerAccount { get; init; }

    /// <summary>The most discovery calls (GetAccountAuthorizationDetails, Generate/GetCredentialReport) one account took.</summary>
    public required long MaxBulkDiscoveryCallsPerAccount { get; init; }

    /// <summary>IAM calls beyond bulk discovery per user acted on (read live, then changed); null for per-key runs.</summary>
    public required double? IamCallsPerActedUser { get; init; }

    public required int ActedUsers { get; init; }

    /// <summary>Peak managed heap during the run (GC.GetTotalMemory(false), sampled every 50 ms).</summary>
    public required long PeakHeapBytes { get; init; }

    /// <summary>The peak working set (Process.PeakWorkingSet64) at the end of the run: the run's own when
    /// <see cref="PeakWorkingSetIsPerRun"/>, otherwise the process's so far.</summary>
    public required long PeakWorkingSetBytes { get; init; }

    /// <summary>True when the peak working set was reset at the run's start (Linux), false when cumulative over the process.</summary>
    public bool PeakWorkingSetIsPerRun { get; init; }

    /// <summary>The simulated world's share of the heap against the engine's; null where not measured.</summary>
    public MemoryShares? Memory { get; init; }

    /// <summary>Remarks, e.g. accounts that fell back or failed (a few, then a count).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public long ThrottledCalls => ThrottledByOperation.Values.Sum();
}

/// <summary>
/// The simulated world and the engine share one process. The world (generated organization, in-memory IAM with its
/// credential reports, Secrets Manager, audit table, captured notifications, the cost model's counts) is weighed
/// alone (reachable heap after full collections) before the run and after it, once the engine is released.
/// </summary>
/// <param name="WorldAtStartBytes">The world as generated, before the run.</param>
/// <param name="WorldAtEndBytes">The world as the run left it: its largest, since a run only adds to it (events, secrets, keys).</param>
/// <param name="RunReportBytes">The run report the engine returned (every account's actions and notes).</param>
/// <param name="WorkingSetAtStartBytes">The process's working set as the run started (runtime, code, the world as generated).</param>
internal sealed record MemoryShares(long WorldAtStartBytes, long WorldAtEndBytes, long RunReportBytes, long WorkingSetAtStartBytes);
