using KeyRotation.Engine.Ports;
using KeyRotation.Core.Audit;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Sweep;
using KeyRotation.Engine.Tests.Support;
using KeyRotation.Simulation.Model;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.FanOut;

/// <summary>The fan-out's start leaves the accounts' tags to each rotation step, which reads them anyway.</summary>
public sealed class FanOutListingTests
{
    private static (Harness Harness, string OptedOut) OrganizationWithAnOptedOutAccount()
    {
        var optedOut = Account("333333333333", DueUser("alice", "AKIAALICEEXAMPLEOD01"));
        optedOut.Tags["key-rotation:opt-out"] = "true";
        var org = Of(Account("222222222222", DueUser("bob", "AKIABOBEXAMPLE0OD001")), optedOut);
        org.OrganizationalUnits.Add(new SimulatedOrganizationalUnit { Id = "ou-prod", Name = "Prod", ParentId = "r-root" });
        org.Accounts[0].ParentId = "ou-prod";
        return (new Harness(org), "333333333333");
    }

    [Fact]
    public async Task BeginFanOutAsync_AccountOptedOutByItsOwnTag_ListedAsATargetWithoutReadingAnyAccountTag()
    {
        var (harness, optedOut) = OrganizationWithAnOptedOutAccount();

        var selection = await harness.Sweep.BeginFanOutAsync(harness.Options(), CancellationToken.None);

        Assert.Equal(["222222222222", optedOut], selection.Targets.Select(t => t.AccountId));
        Assert.Empty(selection.Skipped);
        Assert.All(selection.Targets, t => Assert.Same(OrganizationSweep.TagsNotListed, t.Tags));
        // The OU's tags only: 1 read, where the sweep's start reads 3 (the OU and both accounts).
        Assert.Equal(1, harness.World.Gate.CallsTo(OperationNames.ListTagsForResource));
    }

    [Fact]
    public async Task BeginRunAsync_SameOrganization_StillReadsTheAccountsTagsAndSkipsTheOptedOut()
    {
        var (harness, optedOut) = OrganizationWithAnOptedOutAccount();

        var selection = await harness.Sweep.BeginRunAsync(harness.Options(), CancellationToken.None);

        Assert.Equal([optedOut], selection.Skipped.Select(s => s.AccountId));
        Assert.Equal(3, harness.World.Gate.CallsTo(OperationNames.ListTagsForResource));
    }

    /// <summary>The step that records the skip moves from the start to the account's step; the event is the same.</summary>
    [Fact]
    public async Task RotateAccountAsync_TargetOptedOutByItsOwnTag_SkippedAndRecordedAsTheSweepRecordsIt()
    {
        var (fanOut, optedOut) = OrganizationWithAnOptedOutAccount();
        var (sweep, _) = OrganizationWithAnOptedOutAccount();
        var options = fanOut.Options();
        var selection = await fanOut.Sweep.BeginFanOutAsync(options, CancellationToken.None);
        var claimed = selection.Targets.Single(t => t.AccountId == optedOut);

        var report = await fanOut.Sweep.RotateAccountAsync(optedOut, options, claimed, CancellationToken.None);
        await sweep.Sweep.BeginRunAsync(options, CancellationToken.None);

        Assert.Equal((AccountStatus.Skipped, "OptOut"), (report.Status, report.Reason));
        // The claim carries no account tags, so nothing differs and nothing is noted.
        Assert.Empty(report.Notes);
        Assert.Equal(0, fanOut.World.Gate.CallsTo(OperationNames.AssumeRole));
        var skippedBySweep = Assert.Single(sweep.World.AuditLog.Events, e => e.Action == AuditAction.AccountSkipped);
        var skippedByStep = Assert.Single(fanOut.World.AuditLog.Events, e => e.Action == AuditAction.AccountSkipped);
        Assert.Equal((skippedBySweep.EventId, skippedBySweep.AccountId, skippedBySweep.Reason, skippedBySweep.Outcome),
            (skippedByStep.EventId, skippedByStep.AccountId, skippedByStep.Reason, skippedByStep.Outcome));
    }

    [Fact]
    public async Task RotateAccountAsync_ClaimWithEmptyTagsNotTheUnlistedOnes_DifferenceStillNoted()
    {
        var (harness, optedOut) = OrganizationWithAnOptedOutAccount();
        var claimed = new AccountFacts(optedOut, "acct", AccountState.Active, [], new Dictionary<string, string>());

        var report = await harness.Sweep.RotateAccountAsync(optedOut, harness.Options(), claimed, CancellationToken.None);

        Assert.Contains(report.Notes, n => n.Contains("account tags {}", StringComparison.Ordinal));
    }
}
