using KeyRotation.Core.Policy;

namespace KeyRotation.Engine.Posture;

/// <summary>Active keys by age in bins of <see cref="BinDays"/>; the last bin is open-ended (ToDays null).</summary>
/// <param name="Thresholds">The lines worth drawing over the bins: 90 days and the global rotate and deactivate ages.</param>
public sealed record KeyAgeHistogram(int BinDays, IReadOnlyList<AgeBin> Bins, IReadOnlyList<AgeThreshold> Thresholds)
{
    /// <summary>Bins are this wide: a fortnight's resolution still shows a 90-day line and a 180-day one apart.</summary>
    public const int DefaultBinDays = 15;

    /// <summary>How far past the deactivate age the bins go before the open-ended one; older keys are all equally overdue.</summary>
    public const int DaysShownPastDeactivate = 60;

    /// <param name="activeKeyAges">Ages in whole days; a negative age (clock skew) counts in the first bin.</param>
    public static KeyAgeHistogram Of(IEnumerable<int> activeKeyAges, RotationPolicy policy)
    {
        var shownDays = Math.Max(policy.DeactivateAfterDays, KeyPosture.CisMaximumAgeDays) + DaysShownPastDeactivate;
        var binCount = (shownDays + DefaultBinDays - 1) / DefaultBinDays;
        var counts = new int[binCount + 1];
        foreach (var age in activeKeyAges)
        {
            counts[Math.Clamp(age / DefaultBinDays, 0, binCount)]++;
        }

        var bins = counts.Select((count, i) => new AgeBin(i * DefaultBinDays, i < binCount ? (i + 1) * DefaultBinDays : null, count))
            .ToArray();
        AgeThreshold[] thresholds =
        [
            new("cis", "90 days (CIS 1.14)", KeyPosture.CisMaximumAgeDays),
            new("rotate", $"rotate at {policy.RotateAfterDays} days", policy.RotateAfterDays),
            new("deactivate", $"deactivate at {policy.DeactivateAfterDays} days", policy.DeactivateAfterDays),
        ];
        return new KeyAgeHistogram(DefaultBinDays, bins, thresholds);
    }
}

/// <param name="FromDays">Inclusive.</param>
/// <param name="ToDays">Exclusive; null for the last, open-ended bin.</param>
public sealed record AgeBin(int FromDays, int? ToDays, int ActiveKeys);

/// <param name="Name">cis, rotate or deactivate.</param>
public sealed record AgeThreshold(string Name, string Label, int Days);
