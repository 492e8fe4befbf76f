using KeyRotation.Core.Policy;
using KeyRotation.Core.Targeting;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Sweep;
using KeyRotation.Engine.Tests.Support;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.Sweep;

public sealed class RotationRunOptionsTests
{
    [Fact]
    public void Ctor_Defaults_AsDocumented()
    {
        var options = new RotationRunOptions { RunId = "r", AsOf = Now };

        Assert.False(options.DryRun);
        Assert.Same(RotationPolicy.Default, options.Policy);
        Assert.Same(AccountTargeting.All, options.Targeting);
        Assert.Equal(1_000, options.MaxAccountsInFlight);
        Assert.Equal(4, options.MaxUsersInFlight);
        Assert.Null(options.Deadline);
        Assert.Equal(TimeSpan.FromSeconds(30), options.MinimumTimePerAccount);
        Assert.Equal("unknown", options.Actor);
        Assert.Equal("organization", options.ManagementAccountId);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public async Task RunAsync_InvalidOptions_ThrowsNamingEachFieldBeforeAnyCall()
    {
        var harness = new Harness(Of(Account("222222222222", DueUser("alice", "AKIAALICEEXAMPLEOLD1"))));
        var options = harness.Options() with
        {
            MaxAccountsInFlight = 0,
            Policy = RotationPolicy.Default with { RotateAfterDays = 200 },
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.RunAsync(options));

        Assert.Contains("MaxAccountsInFlight must be at least 1 (got 0)", error.Message, StringComparison.Ordinal);
        Assert.Contains("RotateAfterDays (200)", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.World.Gate.CallsByOperation);
        Assert.Empty(harness.World.AuditLog.Events);
    }

    [Fact]
    public void Summarize_AccountReports_CountsAndOrders()
    {
        var options = new RotationRunOptions { RunId = "r", AsOf = Now };
        Reporting.ActionRecord Act(Core.Planning.ActionKind kind, string outcome) =>
            new("u", null, kind, Core.Planning.ReasonCode.RotationDue, outcome, "d", outcome == "Failed" ? "boom" : null);
        var accounts = new[]
        {
            new Reporting.AccountReport("3", "c", Reporting.AccountStatus.Failed, null, "role missing", []),
            new Reporting.AccountReport("1", "a", Reporting.AccountStatus.Processed, null, null,
                [Act(Core.Planning.ActionKind.CreateKey, "Succeeded"), Act(Core.Planning.ActionKind.DeactivateKey, "Failed")])
            {
                Notes = ["a note"],
            },
            new Reporting.AccountReport("2", "b", Reporting.AccountStatus.Skipped, "OptOut", null, []),
        };

        var report = OrganizationSweep.Summarize(options, accounts, retries: 7);

        Assert.Equal(["1", "2", "3"], report.Accounts.Select(a => a.AccountId));
        Assert.Equal((3, 1, 1, 1, 0, 7L), (report.Summary.Accounts, report.Summary.Processed, report.Summary.Skipped,
            report.Summary.Failed, report.Summary.Deferred, report.Summary.Retries));
        Assert.Equal(new Dictionary<string, int> { ["CreateKey"] = 1 }, report.Summary.Actions);
        Assert.Equal(["1", "3"], report.Summary.Failures.Select(f => f.AccountId));
        Assert.Equal(["a note"], report.Accounts[0].Notes);
        Assert.Empty(report.Notes);
    }
}
