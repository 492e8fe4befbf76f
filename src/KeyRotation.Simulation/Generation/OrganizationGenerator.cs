using System.Globalization;
using KeyRotation.Core.Facts;
using KeyRotation.Core.Tags;
using KeyRotation.Simulation.Model;

namespace KeyRotation.Simulation.Generation;

/// <summary>
/// Builds large, realistic organizations from a seed for benchmarks and what-if runs: nested OUs, a few opted-out
/// or suspended accounts, users with zero to two keys whose ages spread over <see cref="GeneratorOptions.MaxKeyAgeDays"/>,
/// some never used, some in use, some idle, and the occasional exempt user. The same options and instant always
/// give the same organization.
/// </summary>
public static class OrganizationGenerator
{
    private const string Root = "r-root";

    /// <exception cref="ArgumentException">An option is out of range; the message names it and its value.</exception>
    public static SimulatedOrganization Generate(GeneratorOptions options, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException($"invalid generator options: {string.Join("; ", problems)}", nameof(options));
        }

        var random = new Random(options.Seed);
        var tags = new TagConventions(options.TagPrefix);
        var organization = new SimulatedOrganization { ManagementAccountId = "111111111111" };
        AddUnits(organization, options, random, tags);

        var users = new UserGenerator(options, random, tags, asOf);
        // A seed-dependent block of 12-digit ids that stays clear of the management account's.
        var firstAccountId = 200_000_000_000L + (random.Next(0, 700_000) * 100_000L);
        for (var i = 0; i < options.Accounts; i++)
        {
            organization.Accounts.Add(CreateAccount(i, firstAccountId + i, organization, options, random, tags, users));
        }

        return organization;
    }

    private static void AddUnits(SimulatedOrganization organization, GeneratorOptions options, Random random, TagConventions tags)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var rootSuffix = RandomLowerText(random, 4);
        for (var i = 0; i < options.OuCount; i++)
        {
            string id;
            do
            {
                id = $"ou-{rootSuffix}-{RandomLowerText(random, 8)}";
            }
            while (!ids.Add(id));

            // The first few sit under the root; later ones under an earlier OU, so there is depth and never a cycle.
            var parentId = i < 3 ? Root : organization.OrganizationalUnits[random.Next(i)].Id;
            var unit = new SimulatedOrganizationalUnit
            {
                Id = id,
                Name = $"{NamePools.Units[i % NamePools.Units.Length]}{(i >= NamePools.Units.Length ? $"-{i}" : "")}",
                ParentId = parentId,
            };
            if (random.NextDouble() < options.OptOutOuShare)
            {
                unit.Tags[tags.OptOut] = "true";
            }

            organization.OrganizationalUnits.Add(unit);
        }
    }

    private static SimulatedAccount CreateAccount(
        int index, long id, SimulatedOrganization organization, GeneratorOptions options, Random random,
        TagConventions tags, UserGenerator users)
    {
        var units = organization.OrganizationalUnits;
        var account = new SimulatedAccount
        {
            Id = id.ToString("D12", CultureInfo.InvariantCulture),
            Name = $"{NamePools.Pick(random, NamePools.Teams)}-{NamePools.Pick(random, NamePools.Environments)}-{index:D4}",
            ParentId = units.Count == 0 || random.NextDouble() < 0.1 ? Root : units[random.Next(units.Count)].Id,
            State = random.NextDouble() < options.SuspendedAccountShare ? AccountState.Suspended : AccountState.Active,
        };
        if (random.NextDouble() < options.OptOutAccountShare)
        {
            account.Tags[tags.OptOut] = "true";
        }

        for (var u = 0; u < options.UsersPerAccount; u++)
        {
            account.Users.Add(users.Create(u));
        }

        return account;
    }

    private static string RandomLowerText(Random random, int length) =>
        string.Create(length, random, static (span, r) =>
        {
            const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[r.Next(Alphabet.Length)];
            }
        });
}
