using KeyRotation.Core.Facts;
using KeyRotation.Simulation.Files;
using KeyRotation.Simulation.Model;

namespace KeyRotation.Simulation.Tests.Files;

public sealed class SimulationFileSaveTests
{
    private static readonly DateTimeOffset AsOf = SampleFiles.AsOf;

    [Fact]
    public void Save_FormatsExample_RoundTripsToSameOrganization()
    {
        var original = SimulationFile.Load(SampleFiles.FormatsExample, AsOf);

        var saved = SimulationFile.Save(original);
        var reloaded = SimulationFile.Load(saved, AsOf.AddDays(40));

        Assert.Equal(Describe(original), Describe(reloaded));
        Assert.Equal(saved, SimulationFile.Save(reloaded));
    }

    [Fact]
    public void Save_RelativeValues_WritesAbsoluteUtcDates()
    {
        var json = SampleFiles.OneKey(
            """ "id": "AKIAEXAMPLE000000001", "status": "Inactive", "ageDays": 30, "lastUsedDaysAgo": 12, "deactivatedDaysAgo": 3 """);

        var saved = SimulationFile.Save(SimulationFile.Load(json, AsOf));

        Assert.Contains("\"created\": \"2026-10-30T12:00:00Z\"", saved, StringComparison.Ordinal);
        Assert.Contains("\"lastUsed\": \"2026-11-17T12:00:00Z\"", saved, StringComparison.Ordinal);
        Assert.Contains("\"deactivated\": \"2026-11-26T12:00:00Z\"", saved, StringComparison.Ordinal);
        Assert.DoesNotContain("DaysAgo", saved, StringComparison.Ordinal);
        Assert.DoesNotContain("ageDays", saved, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_SubSecondInstant_KeepsItExactly()
    {
        var created = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);
        var org = OrganizationWith(new SimulatedAccessKey { Id = "AKIAEXAMPLE000000001", CreatedAt = created });

        var reloaded = SimulationFile.Load(SimulationFile.Save(org), AsOf);

        Assert.Equal(created, reloaded.Accounts[0].Users[0].AccessKeys[0].CreatedAt);
    }

    [Fact]
    public void Save_KeyDeactivatedByTool_WritesDeactivated()
    {
        var deactivatedAt = AsOf.AddHours(-1);
        var org = OrganizationWith(new SimulatedAccessKey
        {
            Id = "AKIAEXAMPLE000000001",
            Status = AccessKeyStatus.Inactive,
            CreatedAt = AsOf.AddDays(-200),
            DeactivatedByToolAt = deactivatedAt,
        });

        var reloaded = SimulationFile.Load(SimulationFile.Save(org), AsOf);

        Assert.Equal(deactivatedAt, reloaded.Accounts[0].Users[0].AccessKeys[0].DeactivatedByToolAt);
    }

    [Fact]
    public void Save_ActiveKeyWithStaleDeactivation_StaysLoadable()
    {
        // A key someone re-enabled after the tool deactivated it: its old deactivation no longer matters.
        var org = OrganizationWith(new SimulatedAccessKey
        {
            Id = "AKIAEXAMPLE000000001",
            CreatedAt = AsOf.AddDays(-200),
            DeactivatedByToolAt = AsOf.AddDays(-2),
        });

        var reloaded = SimulationFile.Load(SimulationFile.Save(org), AsOf);

        Assert.Null(reloaded.Accounts[0].Users[0].AccessKeys[0].DeactivatedByToolAt);
    }

    [Fact]
    public void Save_EveryAccountState_RoundTrips()
    {
        var org = new SimulatedOrganization();
        var states = Enum.GetValues<AccountState>();
        for (var i = 0; i < states.Length; i++)
        {
            org.Accounts.Add(new SimulatedAccount { Id = $"99999999999{i}", Name = $"a{i}", State = states[i] });
        }

        var reloaded = SimulationFile.Load(SimulationFile.Save(org), AsOf);

        Assert.Equal(states, reloaded.Accounts.Select(a => a.State));
    }

    internal static string Describe(SimulatedOrganization org)
    {
        var lines = new List<string> { $"mgmt {org.ManagementAccountId}" };
        lines.AddRange(org.OrganizationalUnits.Select(u => $"ou {u.Id} {u.Name} {u.ParentId} {Tags(u.Tags)}"));
        foreach (var a in org.Accounts)
        {
            lines.Add($"account {a.Id} {a.Name} {a.State} {a.ParentId} {Tags(a.Tags)}");
            foreach (var u in a.Users)
            {
                lines.Add($"  user {u.Name} {Tags(u.Tags)}");
                lines.AddRange(u.AccessKeys.Select(k =>
                    $"    key {k.Id} {k.Status} {k.CreatedAt:O} {k.LastUsedAt:O} {k.DeactivatedByToolAt:O}"));
            }
        }

        return string.Join('\n', lines);
    }

    private static string Tags(Dictionary<string, string> tags) =>
        string.Join(',', tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));

    private static SimulatedOrganization OrganizationWith(SimulatedAccessKey key)
    {
        var user = new SimulatedUser { Name = "alice" };
        user.AccessKeys.Add(key);
        var account = new SimulatedAccount { Id = "222222222222", Name = "dev" };
        account.Users.Add(user);
        var org = new SimulatedOrganization();
        org.Accounts.Add(account);
        return org;
    }
}
