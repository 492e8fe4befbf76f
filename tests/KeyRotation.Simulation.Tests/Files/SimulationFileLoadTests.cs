using KeyRotation.Core.Facts;
using KeyRotation.Simulation.Files;

namespace KeyRotation.Simulation.Tests.Files;

public sealed class SimulationFileLoadTests
{
    private static readonly DateTimeOffset AsOf = SampleFiles.AsOf;

    [Fact]
    public void LoadAndSave_PathAndSquattedSecretName_RoundTripAndSeedTheVault()
    {
        const string json = """
            { "accounts": [ { "id": "222222222222", "name": "dev", "users": [
                { "name": "svc", "path": "/service/", "secretNameTakenBy": "mallory" },
                { "name": "alice" } ] } ] }
            """;

        var organization = SimulationFile.Load(json, AsOf);
        var again = SimulationFile.Load(SimulationFile.Save(organization), AsOf);
        var world = new KeyRotation.Simulation.Ports.SimulatedWorld(again, TimeProvider.System, 1);

        var users = again.Accounts[0].Users;
        Assert.Equal([("svc", "/service/", "mallory"), ("alice", "/", null)], users.Select(u => (u.Name, u.Path, u.SecretNameTakenBy)));
        Assert.Equal("mallory", world.SecretVault.TakenBy("222222222222", "svc"));
        Assert.NotNull(world.SecretVault.TakenBy("222222222222", "svc"));
        Assert.Null(world.SecretVault.Describe("222222222222", "key-rotation/alice"));
        Assert.DoesNotContain("\"path\"", SimulationFile.Save(SimulationFile.Load("""{ "accounts": [ { "id": "222222222222", "name": "d", "users": [ { "name": "a" } ] } ] }""", AsOf)), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FormatsExample_ReadsEveryPart()
    {
        var org = SimulationFile.Load(SampleFiles.FormatsExample, AsOf);

        Assert.Equal("111111111111", org.ManagementAccountId);
        var unit = Assert.Single(org.OrganizationalUnits);
        Assert.Equal(("ou-prod", "Prod", "r-root"), (unit.Id, unit.Name, unit.ParentId));
        Assert.Equal("true", unit.Tags["key-rotation:opt-out"]);

        var account = Assert.Single(org.Accounts);
        Assert.Equal(("222222222222", "dev", AccountState.Active, "r-root"), (account.Id, account.Name, account.State, account.ParentId));
        Assert.Equal("90", account.Tags["key-rotation:rotate-after-days"]);

        var user = Assert.Single(account.Users);
        Assert.Equal("alice", user.Name);
        Assert.Equal("alice@example.com", user.Tags["key-rotation:owner"]);
        Assert.Equal(2, user.AccessKeys.Count);

        var active = user.AccessKeys[0];
        Assert.Equal(AccessKeyStatus.Active, active.Status);
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), active.CreatedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero), active.LastUsedAt);
        Assert.Null(active.DeactivatedByToolAt);

        var inactive = user.AccessKeys[1];
        Assert.Equal(AccessKeyStatus.Inactive, inactive.Status);
        Assert.Equal(AsOf.AddDays(-190), inactive.CreatedAt);
        Assert.Null(inactive.LastUsedAt);
    }

    [Fact]
    public void Load_RelativeValues_CountBackFromAsOf()
    {
        var json = SampleFiles.OneKey(
            """ "id": "AKIAEXAMPLE000000001", "status": "Inactive", "ageDays": 30, "lastUsedDaysAgo": 12, "deactivatedDaysAgo": 3 """);

        var key = SimulationFile.Load(json, AsOf).Accounts[0].Users[0].AccessKeys[0];

        Assert.Equal(AsOf.AddDays(-30), key.CreatedAt);
        Assert.Equal(AsOf.AddDays(-12), key.LastUsedAt);
        Assert.Equal(AsOf.AddDays(-3), key.DeactivatedByToolAt);
    }

    [Fact]
    public void Load_OffsetInstant_ConvertsToUtc()
    {
        var json = SampleFiles.OneKey(""" "id": "AKIAEXAMPLE000000001", "status": "Active", "created": "2026-05-01T02:00:00+02:00" """);

        var key = SimulationFile.Load(json, AsOf).Accounts[0].Users[0].AccessKeys[0];

        Assert.Equal(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), key.CreatedAt);
        Assert.Equal(TimeSpan.Zero, key.CreatedAt.Offset);
    }

    [Fact]
    public void Load_BareDate_MeansUtcMidnight()
    {
        var json = SampleFiles.OneKey(""" "id": "AKIAEXAMPLE000000001", "status": "Active", "created": "2026-05-01" """);

        var key = SimulationFile.Load(json, AsOf).Accounts[0].Users[0].AccessKeys[0];

        Assert.Equal(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), key.CreatedAt);
    }

    [Fact]
    public void Load_OptionalFieldsAbsent_UsesDocumentedDefaults()
    {
        var json = """{ "accounts": [ { "id": "222222222222", "name": "dev" } ] }""";

        var org = SimulationFile.Load(json, AsOf);

        Assert.Equal("111111111111", org.ManagementAccountId);
        Assert.Empty(org.OrganizationalUnits);
        Assert.Equal(AccountState.Active, org.Accounts[0].State);
        Assert.Equal("r-root", org.Accounts[0].ParentId);
        Assert.Empty(org.Accounts[0].Users);
    }

    [Fact]
    public void Load_CommentsInFile_AreIgnored()
    {
        var json = """
            // hand-written what-if
            { "accounts": [ /* none yet */ ] }
            """;

        Assert.Empty(SimulationFile.Load(json, AsOf).Accounts);
    }

    [Fact]
    public void Load_NestedOrganizationalUnits_AcceptsParentsListedLater()
    {
        var json = """
            { "organizationalUnits": [
                { "id": "ou-child", "name": "Child", "parentId": "ou-parent" },
                { "id": "ou-parent", "name": "Parent", "parentId": "r-root" } ],
              "accounts": [ { "id": "222222222222", "name": "dev", "parentId": "ou-child" } ] }
            """;

        var org = SimulationFile.Load(json, AsOf);

        Assert.Equal("ou-child", org.Accounts[0].ParentId);
    }

    [Theory]
    [InlineData("SUSPENDED", AccountState.Suspended)]
    [InlineData("PENDING_CLOSURE", AccountState.PendingClosure)]
    [InlineData("CLOSED", AccountState.Closed)]
    public void Load_AccountState_MapsEveryOrganizationsState(string text, AccountState expected)
    {
        var json = $$"""{ "accounts": [ { "id": "222222222222", "name": "dev", "state": "{{text}}" } ] }""";

        Assert.Equal(expected, SimulationFile.Load(json, AsOf).Accounts[0].State);
    }
}
