namespace KeyRotation.Core.Planning;

/// <summary>Day arithmetic of ROTATION-POLICY.md: spans are whole days, <c>floor((now - t) / 24h)</c>.</summary>
public static class WholeDays
{
    /// <summary>Whole days from <paramref name="then"/> to <paramref name="now"/>; negative when <paramref name="then"/> is later (clock skew).</summary>
    public static int Between(DateTimeOffset then, DateTimeOffset now)
    {
        var ticks = (now - then).Ticks;
        var days = ticks / TimeSpan.TicksPerDay;

        // Floor, not truncation: a timestamp one hour in the future is -1 days old, not 0 like one from this morning.
        if (ticks < 0 && ticks % TimeSpan.TicksPerDay != 0)
        {
            days--;
        }

        // DateTimeOffset spans at most ~3.65 million days, so this always fits.
        return (int)days;
    }
}
