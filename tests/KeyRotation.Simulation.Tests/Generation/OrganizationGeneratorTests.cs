using KeyRotation.Core.Facts;
using KeyRotation.Core.Tags;
using KeyRotation.Simulation.Files;
using KeyRotation.Simulation.Generation;

namespace KeyRotation.Simulation.Tests.Generation;

public sealed class OrganizationGeneratorTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Ctor_Defaults_AreDocumented()
    {
        var options = new GeneratorOptions();

        Assert.Equal((10, 20, 1, 5, 400), (options.Accounts, options.UsersPerAccount, options.Seed, options.OuCount, options.MaxKeyAgeDays));
        Assert.Equal((0.02, 0.05, 0.01, 0.02), (options.OptOutAccountShare, options.OptOutOuShare, options.SuspendedAccountShare, options.ExemptUserShare));
        Assert.Equal((0.15, 0.30, 0.25), (options.NeverUsedKeyShare, options.IdleKeyShare, options.TwoKeyUserShare));
        Assert.Equal("key-rotation:", options.TagPrefix);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Generate_SameSeed_GivesSameOrganization()
    {
        var options = new GeneratorOptions { Accounts = 30, UsersPerAccount = 15, Seed = 42 };

        var first = SimulationFile.Save(OrganizationGenerator.Generate(options, AsOf));
        var second = SimulationFile.Save(OrganizationGenerator.Generate(options, AsOf));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Generate_DifferentSeeds_GiveDifferentOrganizations()
    {
        var a = SimulationFile.Save(OrganizationGenerator.Generate(new GeneratorOptions { Seed = 1 }, AsOf));
        var b = SimulationFile.Save(OrganizationGenerator.Generate(new GeneratorOptions { Seed = 2 }, AsOf));

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Generate_AnySeed_PassesTheFileLoadersValidation()
    {
        foreach (var seed in new[] { 1, 7, 1234 })
        {
            var options = new GeneratorOptions { Accounts = 40, UsersPerAccount = 10, OuCount = 12, Seed = seed };
            var org = OrganizationGenerator.Generate(options, AsOf);

            var reloaded = SimulationFile.Load(SimulationFile.Save(org), AsOf);

            Assert.Equal(40, reloaded.Accounts.Count);
            Assert.Equal(12, reloaded.OrganizationalUnits.Count);
        }
    }

    [Fact]
    public void Generate_LargeOrganization_HasRequestedSizeAndUniqueIds()
    {
        var options = new GeneratorOptions { Accounts = 1000, UsersPerAccount = 50, OuCount = 40, Seed = 3 };

        var org = OrganizationGenerator.Generate(options, AsOf);

        Assert.Equal(1000, org.Accounts.Count);
        Assert.All(org.Accounts, a => Assert.Equal(50, a.Users.Count));
        Assert.Equal(1000, org.Accounts.Select(a => a.Id).Distinct().Count());
        Assert.DoesNotContain(org.Accounts, a => a.Id == org.ManagementAccountId);
        var keys = org.Accounts.SelectMany(a => a.Users).SelectMany(u => u.AccessKeys).ToList();
        Assert.Equal(keys.Count, keys.Select(k => k.Id).Distinct().Count());
        Assert.All(keys, k => Assert.StartsWith("AKIAEXAMPLE", k.Id, StringComparison.Ordinal));
        Assert.All(keys, k => Assert.Equal(20, k.Id.Length));
    }

    [Fact]
    public void Generate_LargeOrganization_HasARealisticMix()
    {
        var options = new GeneratorOptions { Accounts = 200, UsersPerAccount = 50, OuCount = 20, Seed = 5, SuspendedAccountShare = 0.05 };
        var tags = TagConventions.Default;

        var org = OrganizationGenerator.Generate(options, AsOf);

        var users = org.Accounts.SelectMany(a => a.Users).ToList();
        var keys = users.SelectMany(u => u.AccessKeys).ToList();
        var ages = keys.Select(k => (int)Math.Floor((AsOf - k.CreatedAt).TotalDays)).ToList();
        Assert.InRange(ages.Min(), 0, 5);
        Assert.InRange(ages.Max(), 395, 400);
        Assert.InRange(Share(keys, k => k.LastUsedAt is null), 0.10, 0.20);
        Assert.InRange(Share(keys, k => k.LastUsedAt is { } t && (AsOf - t).TotalDays < 10), 0.45, 0.65);
        Assert.InRange(Share(keys, k => k.LastUsedAt is { } t && (AsOf - t).TotalDays >= 10), 0.20, 0.40);
        Assert.Contains(keys, k => k.Status == AccessKeyStatus.Inactive);
        Assert.InRange(Share(users, u => u.AccessKeys.Count == 2), 0.20, 0.30);
        Assert.Contains(users, u => u.AccessKeys.Count == 0);
        Assert.Contains(users, u => u.Tags.GetValueOrDefault(tags.Exempt) == "true");
        Assert.Contains(users, u => u.Tags.GetValueOrDefault(tags.Exempt)?.StartsWith("until:", StringComparison.Ordinal) == true);
        Assert.Contains(org.Accounts, a => a.Tags.ContainsKey(tags.OptOut));
        Assert.Contains(org.Accounts, a => a.State == AccountState.Suspended);
        Assert.Contains(org.OrganizationalUnits, u => u.ParentId != "r-root");
        Assert.All(keys, k => Assert.True(k.LastUsedAt is null || (k.LastUsedAt >= k.CreatedAt && k.LastUsedAt <= AsOf)));
    }

    [Fact]
    public void Generate_UserNames_AreUniqueWithinEachAccount()
    {
        var org = OrganizationGenerator.Generate(new GeneratorOptions { Accounts = 5, UsersPerAccount = 300 }, AsOf);

        Assert.All(org.Accounts, a =>
            Assert.Equal(a.Users.Count, a.Users.Select(u => u.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count()));
    }

    [Fact]
    public void Generate_CustomTagPrefix_TagsWithThatPrefix()
    {
        var options = new GeneratorOptions { Accounts = 100, OptOutAccountShare = 0.5, TagPrefix = "acme:" };

        var org = OrganizationGenerator.Generate(options, AsOf);

        Assert.Contains(org.Accounts, a => a.Tags.ContainsKey("acme:opt-out"));
        Assert.DoesNotContain(org.Accounts, a => a.Tags.Keys.Any(k => k.StartsWith("key-rotation:", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(-1, 20, 0.1, "Accounts must be between 0 and 1000000 (got -1)")]
    [InlineData(10, -5, 0.1, "UsersPerAccount must be between 0 and 100000 (got -5)")]
    [InlineData(10, 20, 1.5, "NeverUsedKeyShare must be between 0 and 1 (got 1.5)")]
    public void Generate_OptionOutOfRange_NamesOptionAndValue(int accounts, int users, double neverUsed, string expected)
    {
        var options = new GeneratorOptions { Accounts = accounts, UsersPerAccount = users, NeverUsedKeyShare = neverUsed };

        var error = Assert.Throws<ArgumentException>(() => OrganizationGenerator.Generate(options, AsOf));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static double Share<T>(IReadOnlyCollection<T> items, Func<T, bool> predicate) =>
        (double)items.Count(predicate) / items.Count;
}
