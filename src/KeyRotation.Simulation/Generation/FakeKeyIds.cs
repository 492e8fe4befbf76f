using System.Globalization;

namespace KeyRotation.Simulation.Generation;

/// <summary>
/// Access key ids that are plainly fake ("AKIAEXAMPLE" and digits, 20 characters like a real id) so no one
/// mistakes generated data for a leaked credential.
/// </summary>
internal sealed class FakeKeyIds(long start)
{
    public const string Prefix = "AKIAEXAMPLE";

    private long next = start;

    public string Next() => Prefix + (next++).ToString("D9", CultureInfo.InvariantCulture);
}
