using KeyRotation.Core.Audit;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Incidents;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Posture;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Sweep;

namespace KeyRotation.Lambda.Operations;

/// <summary>
/// What the host asks of the rotation engine, one delegate per engine-backed event mode, each one step of the
/// engine's run (<see cref="OrganizationSweep"/>): a sweep takes all three in one invocation, the Step Functions
/// fan-out one per invocation. Composed in Wiring/Composition.cs.
/// </summary>
/// <param name="Sweep">Mode <c>sweep</c>: the whole run, telling the progress (if given) how far it has come.</param>
/// <param name="BeginRun">Mode <c>list-targets</c>: the run's start (RunStarted, the skipped accounts recorded).</param>
/// <param name="RotateAccount">Mode <c>rotate-account</c>: one account, its facts read afresh; the facts given are only compared.</param>
/// <param name="FinishRun">Mode <c>summarize</c>: the run's finish (summary, RunFinished).</param>
/// <param name="Report">Mode <c>report</c>: the posture report over the run's organization (discovery only); null when not composed.</param>
internal sealed record RotationOperations(
    Func<RotationRunOptions, IProgress<SweepProgress>?, CancellationToken, Task<RunReport>> Sweep,
    Func<RotationRunOptions, CancellationToken, Task<AccountSelection>> BeginRun,
    Func<string, AccountFacts?, RotationRunOptions, CancellationToken, Task<AccountStep>> RotateAccount,
    Func<IReadOnlyList<AccountOutcome>, long, RotationRunOptions, Task<RunFinish>> FinishRun,
    Func<RotationRunOptions, CancellationToken, Task<PostureReport>>? Report = null)
{
    /// <summary>For a build with no engine composed: every engine-backed mode fails with <see cref="EngineNotComposedException"/>.</summary>
    public static RotationOperations NotComposed { get; } = new(
        (_, _, _) => throw new EngineNotComposedException(),
        (_, _) => throw new EngineNotComposedException(),
        (_, _, _, _) => throw new EngineNotComposedException(),
        (_, _, _) => throw new EngineNotComposedException());

    /// <summary>Modes <c>revoke</c> and the AWS Health exposed-key event: one key deactivated now. Default: not composed.</summary>
    public Func<RotationRunOptions, IncidentRequest, CancellationToken, Task<IncidentReport>> Revoke { get; init; } =
        (_, _, _) => throw new EngineNotComposedException();

    /// <summary>Where mode <c>report</c> also writes the report (the settings' report bucket); null: only answered.</summary>
    public IPostureReportStore? ReportStore { get; init; }

    /// <summary>Where list-targets writes a run's items and summarize reads the map's results (the settings' fan-out
    /// bucket); null: both travel inline in the execution state.</summary>
    public IFanOutStore? FanOutStore { get; init; }

    /// <summary>Mode <c>restore</c>: one key this tool deactivated made Active again. Default: not composed.</summary>
    public Func<RotationRunOptions, IncidentRequest, CancellationToken, Task<IncidentReport>> Restore { get; init; } =
        (_, _, _) => throw new EngineNotComposedException();
}

/// <summary>One account's rotation step and the retries its invocation took.</summary>
internal sealed record AccountStep(AccountReport Report, long Retries);

/// <summary>The finish step's summary and the events the audit store would not take.</summary>
internal sealed record RunFinish(RunSummary Summary, IReadOnlyList<AuditEvent> UnwrittenAuditEvents)
{
    /// <summary>Notes on the finish, e.g. whether the run's audit digest was sealed.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>This build's composition gives the host no rotation engine.</summary>
internal sealed class EngineNotComposedException()
    : Exception("this build of the Lambda host has no rotation engine composed; only the ping mode answers");
