using System.Globalization;
using KeyRotation.Core.Facts;
using KeyRotation.Core.Tags;
using KeyRotation.Simulation.Model;

namespace KeyRotation.Simulation.Generation;

/// <summary>One user at a time: a name unique in its account, optional owner and exempt tags, and 0-2 keys.</summary>
internal sealed class UserGenerator(GeneratorOptions options, Random random, TagConventions tags, DateTimeOffset asOf)
{
    /// <summary>Within this many days a use counts as "in use" under the default policy's idle threshold.</summary>
    private const int RecentUseDays = 9;

    private readonly FakeKeyIds keyIds = new(1);

    public SimulatedUser Create(int index)
    {
        var isService = random.NextDouble() < 0.4;
        var stem = NamePools.Pick(random, isService ? NamePools.Services : NamePools.People);
        // The index keeps names unique within the account, whatever the pools hold.
        var user = new SimulatedUser { Name = string.Create(CultureInfo.InvariantCulture, $"{stem}-{index:D3}") };
        if (random.NextDouble() < 0.7)
        {
            user.Tags[tags.Owner] = isService ? $"team-{NamePools.Pick(random, NamePools.Teams)}" : $"{stem}@example.com";
        }

        if (random.NextDouble() < options.ExemptUserShare)
        {
            user.Tags[tags.Exempt] = random.Next(2) == 0
                ? "true"
                : "until:" + asOf.AddDays(random.Next(1, 120)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        AddKeys(user);
        return user;
    }

    private void AddKeys(SimulatedUser user)
    {
        var roll = random.NextDouble();
        var noKeyShare = Math.Min(0.05, 1 - options.TwoKeyUserShare);
        if (roll < noKeyShare)
        {
            return;
        }

        if (roll < noKeyShare + options.TwoKeyUserShare)
        {
            // The older key of a pair is often the one already switched off after an earlier rotation.
            var older = CreateKey(random.Next(0, options.MaxKeyAgeDays + 1));
            var olderAge = AgeDays(older);
            if (random.Next(2) == 0)
            {
                older.Status = AccessKeyStatus.Inactive;
            }

            user.AccessKeys.Add(older);
            user.AccessKeys.Add(CreateKey(random.Next(0, olderAge + 1)));
            return;
        }

        var key = CreateKey(random.Next(0, options.MaxKeyAgeDays + 1));
        if (random.NextDouble() < 0.05)
        {
            key.Status = AccessKeyStatus.Inactive;
        }

        user.AccessKeys.Add(key);
    }

    private SimulatedAccessKey CreateKey(int ageDays)
    {
        // A random time within the day keeps whole-day ages exact while spreading instants realistically.
        var created = asOf.AddDays(-ageDays).AddSeconds(-random.Next(0, 86_400));
        return new SimulatedAccessKey { Id = keyIds.Next(), CreatedAt = created, LastUsedAt = LastUse(created, ageDays) };
    }

    private DateTimeOffset? LastUse(DateTimeOffset created, int ageDays)
    {
        var roll = random.NextDouble();
        if (roll < options.NeverUsedKeyShare)
        {
            return null;
        }

        var daysAgo = roll < options.NeverUsedKeyShare + options.IdleKeyShare
            ? random.Next(Math.Min(ageDays, RecentUseDays + 1), ageDays + 1)
            : random.Next(0, Math.Min(ageDays, RecentUseDays) + 1);
        var lastUsed = asOf.AddDays(-daysAgo).AddSeconds(-random.Next(0, 86_400));
        return lastUsed < created ? created : lastUsed;
    }

    private int AgeDays(SimulatedAccessKey key) => (int)Math.Floor((asOf - key.CreatedAt).TotalDays);
}
