using KeyRotation.Engine.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Engine.Tests.Resilience;

public class IamRequestPacingTests
{
    private const string Busy = "111111111111";
    private const string Quiet = "222222222222";

    private static RateLimitOptions Limits(double perSecond, int burst) =>
        new() { IamRequestsPerSecondPerAccount = perSecond, IamBurstPerAccount = burst };

    [Fact]
    public async Task WaitAsync_PastBurst_WaitsOneRefillPerRequestAndOnlyInThatAccount()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z"));
        var pacing = new IamRequestPacing(Limits(perSecond: 2, burst: 2), time);

        await pacing.WaitAsync(Busy, CancellationToken.None);
        await pacing.WaitAsync(Busy, CancellationToken.None);
        var third = pacing.WaitAsync(Busy, CancellationToken.None).AsTask();
        var fourth = pacing.WaitAsync(Busy, CancellationToken.None).AsTask();
        await pacing.WaitAsync(Quiet, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(500));
        await third.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(fourth.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(500));
        await fourth.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Ctor_InvalidRate_NamesTheField()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new IamRequestPacing(Limits(perSecond: 0, burst: 1), TimeProvider.System));

        Assert.Contains("IamRequestsPerSecondPerAccount", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrap_WithRequestPacing_LeavesIamPortCallsUnpaced()
    {
        // One token a second at the port would hold the second and third calls; the adapter paces requests instead.
        var options = new ResilienceOptions { RateLimits = Limits(perSecond: 1, burst: 1) };
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z"));
        var inner = new FakeAccountAccess();
        var services = ResilientServices.Wrap(
            new KeyRotation.Engine.Sweep.RotationServices(new KeyRotation.Engine.Organization.OrganizationDirectory(new KeyRotation.Engine.Tests.Organization.FakeOrganizations()), inner, new KeyRotation.Engine.Notifications.NoTopicNotifier(), new FakeAuditLog(new CallScript(), []), time),
            options, new RetryTally(), time, new Random(1), new IamRequestPacing(options.RateLimits, time));
        var session = await services.AccountAccess.OpenAsync(Busy, CancellationToken.None);

        var calls = Enumerable.Range(0, 3).Select(_ => session.Identity.DiscoverUsersAsync(CancellationToken.None));
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(3, inner.For(Busy).Calls("DiscoverUsers"));
    }
}
