using System.Text;

namespace KeyRotation.Simulation.Faults;

/// <summary>
/// A hash that is the same in every process and on every machine (string.GetHashCode is randomised per process),
/// so a seed reproduces the same faults: FNV-1a over the parts, finished with SplitMix64 for good low bits.
/// </summary>
internal static class StableHash
{
    public static ulong Of(long seed, string a, string b, string c, long counter)
    {
        var hash = 14695981039346656037UL;
        hash = Add(hash, BitConverter.GetBytes(seed));
        foreach (var part in (ReadOnlySpan<string>)[a, b, c])
        {
            hash = Add(hash, Encoding.UTF8.GetBytes(part));
            hash = Add(hash, [0xFF]); // separator: ("ab","c") and ("a","bc") must differ
        }

        hash = Add(hash, BitConverter.GetBytes(counter));
        return Finish(hash);
    }

    /// <summary>Uniform in [0, 1) from the top 53 bits.</summary>
    public static double ToUnit(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));

    private static ulong Add(ulong hash, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }

        return hash;
    }

    private static ulong Finish(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
