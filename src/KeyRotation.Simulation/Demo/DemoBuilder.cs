using System.Globalization;
using KeyRotation.Core.Facts;
using KeyRotation.Core.Tags;
using KeyRotation.Simulation.Generation;
using KeyRotation.Simulation.Model;

namespace KeyRotation.Simulation.Demo;

/// <summary>
/// Small vocabulary for writing the demo's scenarios: keys by age and last use in whole days before the
/// evaluation instant, and a seeded jitter that moves ages without leaving the band a scenario needs.
/// </summary>
internal sealed class DemoBuilder(int seed, DateTimeOffset asOf)
{
    private readonly FakeKeyIds keyIds = new(1 + (Math.Abs((long)seed) % 100_000 * 1_000));
    private readonly Queue<string> people = new(Shuffled(NamePools.People, new Random(seed)));

    public Random Random { get; } = new(seed);

    public DateTimeOffset AsOf { get; } = asOf;

    public TagConventions Tags { get; } = TagConventions.Default;

    /// <summary>0 to 4 extra days, so seeds differ while each scenario stays inside its thresholds.</summary>
    public int Jitter() => Random.Next(0, 5);

    /// <summary>A person's name not used before in this demo.</summary>
    public string NextPerson() => people.Dequeue();

    public SimulatedUser User(string name, params SimulatedAccessKey[] keys)
    {
        var user = new SimulatedUser { Name = name };
        user.Tags[Tags.Owner] = name.Contains('-', StringComparison.Ordinal) ? "team-platform" : $"{name}@example.com";
        user.AccessKeys.AddRange(keys);
        return user;
    }

    public SimulatedAccessKey Active(int ageDays, int? lastUsedDaysAgo) => Key(AccessKeyStatus.Active, ageDays, lastUsedDaysAgo);

    /// <param name="deactivatedByToolDaysAgo">When this tool deactivated it; null when someone else did.</param>
    public SimulatedAccessKey Inactive(int ageDays, int? lastUsedDaysAgo, int? deactivatedByToolDaysAgo = null)
    {
        var key = Key(AccessKeyStatus.Inactive, ageDays, lastUsedDaysAgo);
        key.DeactivatedByToolAt = deactivatedByToolDaysAgo is { } d ? AsOf.AddDays(-d) : null;
        return key;
    }

    public string Date(int daysFromAsOf) => AsOf.AddDays(daysFromAsOf).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private SimulatedAccessKey Key(AccessKeyStatus status, int ageDays, int? lastUsedDaysAgo)
    {
        if (lastUsedDaysAgo > ageDays)
        {
            throw new ArgumentOutOfRangeException(nameof(lastUsedDaysAgo), lastUsedDaysAgo, "a key cannot be used before it exists");
        }

        return new SimulatedAccessKey
        {
            Id = keyIds.Next(),
            Status = status,
            CreatedAt = AsOf.AddDays(-ageDays),
            LastUsedAt = lastUsedDaysAgo is { } used ? AsOf.AddDays(-used) : null,
        };
    }

    private static string[] Shuffled(string[] pool, Random random)
    {
        var copy = pool.ToArray();
        random.Shuffle(copy);
        return copy;
    }
}
