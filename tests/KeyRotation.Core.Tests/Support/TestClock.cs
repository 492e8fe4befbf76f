namespace KeyRotation.Core.Tests.Support;

/// <summary>The fixed evaluation instant every example-based test plans at.</summary>
internal static class TestClock
{
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset DaysAgo(double days) => Now - TimeSpan.FromDays(days);
}
