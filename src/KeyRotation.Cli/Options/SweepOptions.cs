using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Settings;
using System.CommandLine;

namespace KeyRotation.Cli.Options;

/// <summary>The flags plan and run share, read and checked together before anything runs.</summary>
internal sealed class SweepOptions
{
    /// <param name="withCsv">Whether --output also takes csv (keyrotation report).</param>
    public SweepOptions(bool withCsv = false) => Report = new ReportOptions(withCsv);

    public PolicyOptions Policy { get; } = new();

    public TargetingOptions Targeting { get; } = new();

    public ReportOptions Report { get; }

    public SimulationOptions Simulation { get; } = new();

    public DiscoveryOptions Discovery { get; } = new();

    public AuditStoreOptions AuditStore { get; } = AuditTableOption();

    /// <summary>The audit table flags of demo, plan and run.</summary>
    public static AuditStoreOptions AuditTableOption() => new(
        "--audit-table",
        "Write the audit trail to this DynamoDB table (create it with 'keyrotation audit create-table') instead of keeping it in memory.");

    public RunLimitOptions Limits { get; } = new();

    public ScopeOptions Scope { get; } = new();
    public AuditDigestOptions AuditDigest { get; } = new();

    /// <param name="withRunId">False for a command that records no run (keyrotation report).</param>
    public void AddTo(Command command, bool withSaveState, bool withRunId = true)
    {
        Simulation.AddTo(command, withSaveState);
        Policy.AddTo(command);
        Targeting.AddTo(command);
        Report.AddTo(command, withRunId);
        AuditStore.AddTo(command);
        Discovery.AddTo(command);
        Limits.AddTo(command);
        Scope.AddTo(command);
        AuditDigest.AddTo(command);
    }

    /// <exception cref="InvalidInputException">Any flag is unusable; the message names it and its value.</exception>
    public RunSettings Read(ParseResult result, CliEnvironment environment, bool dryRun)
    {
        var asOf = Report.ReadAsOf(result, environment.Time.GetUtcNow());
        Targeting.RefuseEmpty(result);
        var run = new SettingFlags([.. Policy.Flags, .. Targeting.Flags, .. Scope.Flags]).Read(result);
        var auditStore = AuditStore.ReadForRun(result, environment.Variables, connectionWithoutTable: result.GetValue(Simulation.Simulation) is null);
        return new RunSettings(
            Report.ReadRunId(result, asOf, environment.Random),
            asOf,
            dryRun,
            run.Policy,
            run.Targeting,
            run.Tags,
            Report.ReadOutput(result),
            auditStore)
            {
                Limits = Limits.Read(result),
                Scope = run.Scope,
                PlaintextSubscribers = run.PlaintextSubscribers,
                AuditDigestBucket = AuditDigest.Read(result, auditStore is not null),
            };
    }
}
