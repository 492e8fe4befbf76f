using System.Globalization;
using KeyRotation.Core.Facts;
using KeyRotation.Core.Policy;
using KeyRotation.Simulation.Model;

namespace KeyRotation.Simulation.Demo;

/// <summary>
/// The organization behind <c>keyrotation demo</c>: small enough to read, yet every decision of
/// ROTATION-POLICY.md happens in it at least once under <see cref="Policy"/>: opt-out by account and by OU, a
/// suspended account, exemptions (permanent, until a date, expired), rotation with a freed slot or blocked by the
/// key limit, idle, never-used, in-use and force-deadline deactivations, deletions, rejected and effective overrides.
/// The seed varies names, ids and ages within each scenario's band; the decisions stay the same.
/// </summary>
public static class DemoOrganization
{
    /// <summary>The defaults (165 / 180 / 185, idle 10, recovery 5) plus a forced deadline at 365 days.</summary>
    public static RotationPolicy Policy { get; } = RotationPolicy.Default with { ForceDeactivateAfterDays = 365 };

    public static SimulatedOrganization Build(int seed, DateTimeOffset asOf)
    {
        var b = new DemoBuilder(seed, asOf);
        var org = new SimulatedOrganization();
        var suffix = $"{b.Random.Next(0x10000):x4}";
        var workloads = Unit(org, $"ou-{suffix}-workloads", "Workloads", "r-root");
        var sandboxes = Unit(org, $"ou-{suffix}-sandboxes", "Sandboxes", "r-root");
        var legacy = Unit(org, $"ou-{suffix}-legacy", "Legacy", "r-root");
        legacy.Tags[b.Tags.OptOut] = "true";
        var legacyApps = Unit(org, $"ou-{suffix}-legacyapps", "Legacy Apps", legacy.Id);

        var firstId = 200_000_000_000L + (b.Random.Next(0, 700_000) * 100_000L);
        var ids = Enumerable.Range(0, 6).Select(i => (firstId + (i * 1_111)).ToString("D12", CultureInfo.InvariantCulture)).ToArray();

        org.Accounts.Add(DemoScenarios.Dev(b, ids[0], workloads.Id));
        org.Accounts.Add(DemoScenarios.ProdWithOverride(b, ids[1], workloads.Id));
        org.Accounts.Add(DemoScenarios.StagingWithBadOverride(b, ids[2], workloads.Id));
        org.Accounts.Add(DemoScenarios.Untouched(b, ids[3], "sandbox", sandboxes.Id, AccountState.Active, optOut: true));
        org.Accounts.Add(DemoScenarios.Untouched(b, ids[4], "legacy-billing", legacyApps.Id, AccountState.Active, optOut: false));
        org.Accounts.Add(DemoScenarios.Untouched(b, ids[5], "retired", "r-root", AccountState.Suspended, optOut: false));
        return org;
    }

    private static SimulatedOrganizationalUnit Unit(SimulatedOrganization org, string id, string name, string parentId)
    {
        var unit = new SimulatedOrganizationalUnit { Id = id, Name = name, ParentId = parentId };
        org.OrganizationalUnits.Add(unit);
        return unit;
    }
}
