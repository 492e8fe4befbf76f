using KeyRotation.Core.Audit;
using KeyRotation.Core.Planning;
using KeyRotation.Core.Targeting;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Sweep;
using KeyRotation.Simulation.Demo;
using KeyRotation.Simulation.Files;
using KeyRotation.Simulation.Model;
using KeyRotation.Simulation.Ports;

namespace KeyRotation.Simulation.Tests.Demo;

public sealed class DemoOrganizationTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Every planner row of ROTATION-POLICY.md that the demo promises.</summary>
    public static readonly (ActionKind Action, ReasonCode Reason)[] PromisedRows =
    [
        (ActionKind.CreateKey, ReasonCode.RotationDue),
        (ActionKind.DeleteKey, ReasonCode.SlotNeededForRotation),
        (ActionKind.DeleteKey, ReasonCode.InactivePastDeleteAge),
        (ActionKind.Blocked, ReasonCode.KeyLimit),
        (ActionKind.DeactivateKey, ReasonCode.PastDeactivateAgeAndIdle),
        (ActionKind.DeactivateKey, ReasonCode.NeverUsed),
        (ActionKind.DeactivateKey, ReasonCode.ForcedDeadline),
        (ActionKind.Warn, ReasonCode.StillInUse),
        (ActionKind.Skip, ReasonCode.Exempt),
        (ActionKind.Warn, ReasonCode.ExemptionExpired),
        (ActionKind.Warn, ReasonCode.OverrideRejected),
    ];

    public static TheoryData<int> Seeds => new() { 0, 1, 7, 42, 2026, -5, int.MaxValue };

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Build_AnySeed_PerformsEveryPromisedRow(int seed)
    {
        var report = await Sweep(DemoOrganization.Build(seed, AsOf));

        var rows = report.Accounts.SelectMany(a => a.Actions).ToList();
        Assert.All(rows, r => Assert.Equal(AuditOutcome.Succeeded, r.Outcome));
        var performed = rows.Select(a => (a.Action, a.Reason)).ToHashSet();
        Assert.All(PromisedRows, row => Assert.Contains(row, performed));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Build_AnySeed_SkipsAccountsForEveryReason(int seed)
    {
        var org = DemoOrganization.Build(seed, AsOf);

        var report = await Sweep(org);

        var skips = report.Accounts.Where(a => a.Status == AccountStatus.Skipped).ToDictionary(a => a.AccountId, a => a.Reason);
        Assert.Equal(nameof(AccountSkipReason.OptOut), skips[Named(org, "sandbox").Id]);
        Assert.Equal(nameof(AccountSkipReason.NotActive), skips[Named(org, "retired").Id]);
        // Opted out only through the OU above its parent OU.
        var legacy = Named(org, "legacy-billing");
        Assert.Empty(legacy.Tags);
        Assert.Equal(nameof(AccountSkipReason.OptOut), skips[legacy.Id]);
        Assert.Equal(3, skips.Count);
        Assert.Equal(0, report.Summary.Failed);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Build_AnySeed_AccountOverrideChangesADecision(int seed)
    {
        var withOverride = DemoOrganization.Build(seed, AsOf);
        var withoutOverride = DemoOrganization.Build(seed, AsOf);
        Named(withoutOverride, "prod").Tags.Clear();

        var rotated = ProdActions(await Sweep(withOverride));
        var untouched = ProdActions(await Sweep(withoutOverride));

        Assert.Contains(rotated, a => a.Action == ActionKind.CreateKey && a.UserName == "deploy-bot");
        Assert.DoesNotContain(untouched, a => a.Action == ActionKind.CreateKey);

        static IReadOnlyList<ActionRecord> ProdActions(RunReport report) =>
            report.Accounts.Single(a => a.AccountName == "prod").Actions;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Build_AnySeed_IsAValidSimulationFile(int seed)
    {
        var org = DemoOrganization.Build(seed, AsOf);

        var reloaded = SimulationFile.Load(SimulationFile.Save(org), AsOf);

        Assert.Equal(org.Accounts.Count, reloaded.Accounts.Count);
    }

    [Fact]
    public void Build_SameSeed_GivesSameOrganization()
    {
        Assert.Equal(SimulationFile.Save(DemoOrganization.Build(9, AsOf)), SimulationFile.Save(DemoOrganization.Build(9, AsOf)));
    }

    [Fact]
    public void Build_DifferentSeeds_VaryNamesIdsAndAges()
    {
        var a = DemoOrganization.Build(1, AsOf);
        var b = DemoOrganization.Build(2, AsOf);

        Assert.NotEqual(a.Accounts[0].Id, b.Accounts[0].Id);
        Assert.NotEqual(a.Accounts[0].Users.Select(u => u.Name), b.Accounts[0].Users.Select(u => u.Name));
        Assert.NotEqual(
            a.Accounts[0].Users.SelectMany(u => u.AccessKeys).Select(k => k.CreatedAt),
            b.Accounts[0].Users.SelectMany(u => u.AccessKeys).Select(k => k.CreatedAt));
    }

    [Fact]
    public void Build_KeyIds_AreClearlyFake()
    {
        var keys = DemoOrganization.Build(3, AsOf).Accounts.SelectMany(a => a.Users).SelectMany(u => u.AccessKeys).ToList();

        Assert.All(keys, k => Assert.Matches("^AKIAEXAMPLE[0-9]{9}$", k.Id));
        Assert.Equal(keys.Count, keys.Select(k => k.Id).Distinct().Count());
    }

    [Fact]
    public void Policy_IsTheDefaultsWithAForcedDeadline()
    {
        Assert.Empty(DemoOrganization.Policy.Validate());
        Assert.Equal((165, 180, 185, 10, 365), (DemoOrganization.Policy.RotateAfterDays, DemoOrganization.Policy.DeactivateAfterDays,
            DemoOrganization.Policy.DeleteAfterDays, DemoOrganization.Policy.IdleDays, DemoOrganization.Policy.ForceDeactivateAfterDays));
    }

    private static SimulatedAccount Named(SimulatedOrganization org, string name) => org.Accounts.Single(a => a.Name == name);

    private static async Task<RunReport> Sweep(SimulatedOrganization org)
    {
        var world = new SimulatedWorld(org, new FixedClock(AsOf), seed: 1);
        var options = new RotationRunOptions
        {
            RunId = "demo-test",
            AsOf = AsOf,
            Policy = DemoOrganization.Policy,
            Actor = "simulation",
            ManagementAccountId = org.ManagementAccountId,
        };
        return await new OrganizationSweep(world.CreateServices()).RunAsync(options, CancellationToken.None);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
