using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience.RateLimits;
using KeyRotation.Engine.Resilience;

namespace KeyRotation.Engine.Tests.Resilience.RateLimits;

public class RateLimitTests
{
    private const string Busy = "111111111111";
    private const string Quiet = "222222222222";

    private static ResilienceOptions Limits(double perSecond, int burst) => new()
    {
        RateLimits = new RateLimitOptions
        {
            IamRequestsPerSecondPerAccount = perSecond,
            IamBurstPerAccount = burst,
            OrganizationsRequestsPerSecond = perSecond,
            OrganizationsBurst = burst,
        },
    };

    [Fact]
    public async Task IamCalls_OverAccountRate_WaitForTokensAndAllSucceed()
    {
        var harness = new Harness(Limits(perSecond: 1, burst: 1));
        var inner = harness.Sts;
        var access = harness;
        var busy = await access.OpenAsync(Busy, CancellationToken.None);
        var quiet = await access.OpenAsync(Quiet, CancellationToken.None);

        var calls = Enumerable.Range(0, 3).Select(_ => busy.Iam.ListUsersAsync(null, CancellationToken.None)).ToList();
        await Harness.EventuallyAsync(() => inner.For(Busy).Calls("ListUsers") == 1);
        await quiet.Iam.ListUsersAsync(null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, inner.For(Busy).Calls("ListUsers"));
        await harness.DriveAsync(Task.WhenAll(calls), TimeSpan.FromMilliseconds(100));
        Assert.Equal(3, inner.For(Busy).Calls("ListUsers"));
        Assert.True(harness.Advanced >= TimeSpan.FromSeconds(2), $"advanced only {harness.Advanced}");
    }

    [Fact]
    public async Task OrganizationsRequests_OverOrganizationRate_EachRequestWaitsForAToken()
    {
        var harness = new Harness(Limits(perSecond: 2, burst: 2));
        // One root, no OUs, no accounts: ListRoots, ListOrganizationalUnitsForParent, ListAccountsForParent, one token each.
        var organizations = harness.Organizations;
        var directory = harness.Services.Directory;

        var walks = Enumerable.Range(0, 2).Select(_ => directory.ListAccountsAsync(CancellationToken.None)).ToList();
        await Harness.EventuallyAsync(() => organizations.Requests.Count == 2);

        Assert.Equal(2, organizations.Requests.Count);
        await harness.DriveAsync(Task.WhenAll(walks), TimeSpan.FromMilliseconds(50));
        Assert.Equal(6, organizations.Requests.Count);
        Assert.True(harness.Advanced >= TimeSpan.FromSeconds(2), $"advanced only {harness.Advanced}");
    }

    [Fact]
    public async Task AssumeRole_OverStsRate_WaitsForTokensInsteadOfFailing()
    {
        var harness = new Harness(new ResilienceOptions { RateLimits = new RateLimitOptions { StsRequestsPerSecond = 2, StsBurst = 2 } });
        var inner = harness.Sts;
        var access = harness;

        var opens = Enumerable.Range(0, 4).Select(i => access.OpenAsync($"22222222222{i}", CancellationToken.None)).ToList();
        await Harness.EventuallyAsync(() => Enumerable.Range(0, 4).Sum(i => inner.For($"22222222222{i}").Calls("AssumeRole")) == 2);

        Assert.Equal(2, Enumerable.Range(0, 4).Sum(i => inner.For($"22222222222{i}").Calls("AssumeRole")));
        await harness.DriveAsync(Task.WhenAll(opens), TimeSpan.FromMilliseconds(50));
        Assert.Equal(4, Enumerable.Range(0, 4).Sum(i => inner.For($"22222222222{i}").Calls("AssumeRole")));
        Assert.True(harness.Advanced >= TimeSpan.FromSeconds(1), $"advanced only {harness.Advanced}");
    }

    [Fact]
    public async Task IamRetry_EachAttempt_TakesItsOwnToken()
    {
        var harness = new Harness(Limits(perSecond: 1, burst: 1));
        var inner = harness.Sts;
        inner.For(Busy).Fault = (op, n) => op == "ListUsers" && n == 0 ? CallScript.Error(FailureKind.Throttling) : null;
        var session = await harness.OpenAsync(Busy, CancellationToken.None);

        var call = session.Iam.ListUsersAsync(null, CancellationToken.None);
        await harness.DriveAsync(call, TimeSpan.FromMilliseconds(100));

        Assert.Equal(2, inner.For(Busy).Calls("ListUsers"));
        Assert.True(harness.Advanced >= TimeSpan.FromSeconds(1), $"advanced only {harness.Advanced}");
    }
}
