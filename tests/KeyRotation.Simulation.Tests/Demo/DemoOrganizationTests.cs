using KeyRotation.Core.Facts;
using KeyRotation.Core.Planning;
using KeyRotation.Core.Tags;
using KeyRotation.Core.Targeting;
using KeyRotation.Engine.Ports;
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
    public async Task Build_AnySeed_PlansEveryPromisedRow(int seed)
    {
        var decisions = await Decide(DemoOrganization.Build(seed, AsOf));

        var rows = decisions.Plans.SelectMany(p => p.Plan.Actions).Select(a => (a.Action, a.Reason)).ToHashSet();
        Assert.All(PromisedRows, row => Assert.Contains(row, rows));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Build_AnySeed_SkipsAccountsForEveryReason(int seed)
    {
        var org = DemoOrganization.Build(seed, AsOf);

        var decisions = await Decide(org);

        var skips = decisions.Skips;
        Assert.Equal(AccountSkipReason.OptOut, skips[Named(org, "sandbox").Id]);
        Assert.Equal(AccountSkipReason.NotActive, skips[Named(org, "retired").Id]);
        // Opted out only through the OU above its parent OU.
        var legacy = Named(org, "legacy-billing");
        Assert.Empty(legacy.Tags);
        Assert.Equal(AccountSkipReason.OptOut, skips[legacy.Id]);
        Assert.Equal(3, skips.Count);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Build_AnySeed_AccountOverrideChangesADecision(int seed)
    {
        var org = DemoOrganization.Build(seed, AsOf);
        var prod = Named(org, "prod");

        var withOverride = (await Decide(org)).Plans.Where(p => p.AccountId == prod.Id).SelectMany(p => p.Plan.Actions);
        prod.Tags.Clear();
        var without = (await Decide(org)).Plans.Where(p => p.AccountId == prod.Id).SelectMany(p => p.Plan.Actions);

        Assert.Contains(withOverride, a => a.Action == ActionKind.CreateKey && a.UserName == "deploy-bot");
        Assert.DoesNotContain(without, a => a.Action == ActionKind.CreateKey);
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

    private static async Task<Decisions> Decide(SimulatedOrganization org)
    {
        // Plans straight from discovery, so it needs per-key discovery's exact facts (bulk ones are confirmed by the engine).
        var world = new SimulatedWorld(org, TimeProvider.System, seed: 1, iam: new() { Discovery = DiscoveryMode.PerKey });
        var accounts = await world.Directory.ListAccountsAsync(CancellationToken.None);
        var skips = new Dictionary<string, AccountSkipReason>();
        var plans = new List<(string, UserPlan)>();
        foreach (var account in accounts)
        {
            if (AccountSelector.Evaluate(account, AccountTargeting.All, TagConventions.Default) is { } skip)
            {
                skips[account.AccountId] = skip;
                continue;
            }

            var session = await world.AccountAccess.OpenAsync(account.AccountId, CancellationToken.None);
            foreach (var user in await session.Identity.DiscoverUsersAsync(CancellationToken.None))
            {
                var input = new PlanningInput(user, account.Tags, DemoOrganization.Policy, TagConventions.Default, AsOf);
                plans.Add((account.AccountId, RotationPlanner.Plan(input)));
            }
        }

        return new Decisions(skips, plans);
    }

    private sealed record Decisions(Dictionary<string, AccountSkipReason> Skips, List<(string AccountId, UserPlan Plan)> Plans);
}
