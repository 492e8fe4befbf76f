using System.Globalization;
using KeyRotation.Engine.Ports;
using KeyRotation.Simulation.Faults;

namespace KeyRotation.Simulation.Ports;

/// <summary>
/// The key ids and secrets the simulated IAM hands out. Each is derived from (seed, account, user, instant, how many
/// keys this world created for that user before), not drawn from one shared sequence, so a seed gives every user
/// the same new keys whatever order parallel accounts and users run in and however many calls failed before:
/// a run with injected faults and the same run without end in identical organizations. Not thread-safe: the
/// world calls it under its lock.
/// </summary>
internal sealed class SimulatedKeyMint(int seed)
{
    private const string KeyIdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private readonly HashSet<string> issuedIds = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Account, string User), long> created = [];

    /// <param name="taken">Ids the user already holds; a derived id among them (a rerun with the same seed) is skipped.</param>
    public NewAccessKey Mint(string accountId, string userName, DateTimeOffset createdAt, IEnumerable<string> taken)
    {
        var count = created.GetValueOrDefault((accountId, userName));
        created[(accountId, userName)] = count + 1;
        var instant = createdAt.UtcTicks.ToString(CultureInfo.InvariantCulture);
        var draws = new Draws(StableHash.Of(seed, accountId, userName, instant, count));
        var held = taken.ToHashSet(StringComparer.Ordinal);
        string id;
        do
        {
            id = "AKIA" + draws.Text(KeyIdAlphabet, 16);
        }
        while (held.Contains(id) || !issuedIds.Add(id));

        return new NewAccessKey(id, new SecretText(draws.Text(SecretAlphabet, 40)), createdAt);
    }

    /// <summary>A SplitMix64 stream from one hash: as many uniform draws as a key needs.</summary>
    private sealed class Draws(ulong state)
    {
        public string Text(string alphabet, int length) =>
            string.Create(length, (alphabet, this), static (span, s) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = s.alphabet[(int)(s.Item2.Next() % (ulong)s.alphabet.Length)];
                }
            });

        private ulong Next()
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
