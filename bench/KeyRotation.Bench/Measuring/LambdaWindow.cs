namespace KeyRotation.Bench.Measuring;

/// <summary>
/// Where the single sweep stops fitting one Lambda invocation: the function timeout (900 s, Lambda's maximum and the
/// central template's FunctionTimeoutSeconds default) less a margin kept for what the model leaves out (a slower
/// Organizations, more users, cold start, the report), found on the measured walls by linear interpolation between
/// organization sizes (extrapolated from the last two beyond them: the walk and the waves of accounts both grow
/// linearly with the accounts).
/// </summary>
internal static class LambdaWindow
{
    public const double FunctionTimeoutSeconds = 900;

    /// <summary>A fifth of the timeout kept back.</summary>
    public const double Margin = 0.2;

    public static double UsableSeconds => FunctionTimeoutSeconds * (1 - Margin);

    /// <summary>The account count at which the wall reaches <see cref="UsableSeconds"/>; null with fewer than two sizes or a wall that does not grow.</summary>
    /// <param name="points">Accounts and the single sweep's measured wall, one per size.</param>
    public static double? Crossing(IReadOnlyList<(int Accounts, double WallSeconds)> points, double usable = FunctionTimeoutSeconds * (1 - Margin))
    {
        var sorted = points.OrderBy(p => p.Accounts).ToArray();
        if (sorted.Length < 2)
        {
            return null;
        }

        for (var i = 1; i < sorted.Length; i++)
        {
            var (a, b) = (sorted[i - 1], sorted[i]);
            var last = i == sorted.Length - 1;
            if ((b.WallSeconds >= usable || last) && b.WallSeconds > a.WallSeconds)
            {
                if (a.WallSeconds >= usable && i == 1)
                {
                    // Already over at the smallest size: interpolate towards zero accounts, zero seconds.
                    return a.Accounts * usable / a.WallSeconds;
                }

                return a.Accounts + ((usable - a.WallSeconds) * (b.Accounts - a.Accounts) / (b.WallSeconds - a.WallSeconds));
            }
        }

        return null;
    }
}
