using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Running;
using KeyRotation.Cli.Settings;
using KeyRotation.Cli.Tests.Support;
using KeyRotation.Core.Tags;
using KeyRotation.Core.Targeting;
using KeyRotation.Engine.Ports;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Files;

namespace KeyRotation.Cli.Tests;

/// <summary>The exit codes a simulation file cannot provoke, through the same runner the commands use, with injected faults.</summary>
public sealed class SweepRunnerTests
{
    private static readonly DateTimeOffset AsOf = CliRun.Now;

    [Fact]
    public async Task RunAsync_AccountRoleDenied_SkippedAsRoleNotDeployedExitsSuccess()
    {
        var fault = FaultRule.Always(OperationNames.Sts, OperationNames.AssumeRole, "333333333333", FailureKind.AccessDenied);

        var (exitCode, output, _) = await Run(new RuleBasedFaultSource(fault));

        // Not asked for by id: a refused member role reads as not deployed (ROTATION-POLICY.md), reported, not failed.
        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("Account 333333333333 prod: Skipped (RoleNotDeployed)", output, StringComparison.Ordinal);
        Assert.Contains("Summary: 4 accounts: 1 processed, 3 skipped, 0 failed, 0 deferred", output, StringComparison.Ordinal);
        Assert.Contains("Warning: 1 account(s) skipped because the member role was refused", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_AuditStoreUnwritable_ExitsAuditIncompleteAndChangesNothing()
    {
        var fault = FaultRule.Always(OperationNames.Audit, OperationNames.EnsureWritable, kind: FailureKind.AccessDenied);

        var (exitCode, output, error) = await Run(new RuleBasedFaultSource(fault));

        Assert.Equal(ExitCodes.AuditIncomplete, exitCode);
        Assert.Contains("audit store is not writable", error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task RunAsync_AuditAppendsRefused_ExitsAuditIncompleteAndPrintsTheEvents()
    {
        // The store accepts the RunStarted check and event, then refuses every later write.
        var fault = new FaultRule
        {
            Service = OperationNames.Audit,
            Operation = OperationNames.AppendEvents,
            Kind = FailureKind.AccessDenied,
            OnCalls = Enumerable.Range(2, 1000).ToHashSet(),
        };

        var (exitCode, output, _) = await Run(new RuleBasedFaultSource(fault));

        Assert.Equal(ExitCodes.AuditIncomplete, exitCode);
        Assert.Contains("events could not be written to the audit store", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Out, string Error)> Run(IFaultSource faults)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment(output, error, new FrozenClock(AsOf), new Random(1));
        var organization = SimulationFile.Load(SampleOrganization.Json, AsOf);
        var target = new SimulationTarget(organization, AsOf, 1, null, environment, [faults]);
        var settings = new RunSettings("test-run", AsOf, DryRun: false, KeyRotation.Core.Policy.RotationPolicy.Default,
            AccountTargeting.All, TagConventions.Default, OutputFormat.Table);

        var result = await SweepRunner.RunAsync(target, settings, environment, CancellationToken.None);

        return (result.ExitCode, output.ToString(), error.ToString());
    }
}
