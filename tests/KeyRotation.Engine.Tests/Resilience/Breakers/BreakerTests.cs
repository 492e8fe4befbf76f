using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience.Breakers;

namespace KeyRotation.Engine.Tests.Resilience.Breakers;

public class BreakerTests
{
    private const string Broken = "111111111111";
    private const string Healthy = "222222222222";

    private static (Harness Access, FakeSts Inner) Access(int failuresBeforeGivingUp)
    {
        var harness = new Harness(Harness.WithBreaker(failuresBeforeGivingUp));
        return (harness, harness.Sts);
    }

    [Fact]
    public async Task ListUsers_AccessDeniedRepeatedly_GivesAccountUpAfterN()
    {
        var (access, inner) = Access(3);
        inner.For(Broken).Fault = (op, _) => op == "ListUsers" ? CallScript.Error(FailureKind.AccessDenied) : null;
        var session = await access.OpenAsync(Broken, CancellationToken.None);

        await Assert.ThrowsAsync<ServiceException>(() => session.Iam.ListUsersAsync(null, CancellationToken.None));
        await Assert.ThrowsAsync<ServiceException>(() => session.Iam.ListUsersAsync(null, CancellationToken.None));
        var givenUp = await Assert.ThrowsAsync<AccountGivenUpException>(() => session.Iam.ListUsersAsync(null, CancellationToken.None));

        Assert.Equal(Broken, givenUp.AccountId);
        Assert.Equal(3, givenUp.Failures);
        Assert.Equal(FailureKind.AccessDenied, Assert.IsType<ServiceException>(givenUp.LastError).Kind);
        Assert.Same(givenUp.LastError, givenUp.InnerException);
    }

    [Fact]
    public async Task AnyCall_AccountGivenUp_FailsFastWithoutCallingIt()
    {
        var (access, inner) = Access(2);
        inner.For(Broken).Fault = (op, _) => op == "GetUser" ? CallScript.Error(FailureKind.Final) : null;
        var session = await access.OpenAsync(Broken, CancellationToken.None);
        await Assert.ThrowsAsync<ServiceException>(() => session.Iam.GetUserAsync("a", CancellationToken.None));
        await Assert.ThrowsAsync<AccountGivenUpException>(() => session.Iam.GetUserAsync("a", CancellationToken.None));

        await Assert.ThrowsAsync<AccountGivenUpException>(() => session.Iam.ListUsersAsync(null, CancellationToken.None));
        await Assert.ThrowsAsync<AccountGivenUpException>(() => session.SecretsManager.PutSecretValueAsync("a", Key().SecretAccessKey, "token", CancellationToken.None));
        await Assert.ThrowsAsync<AccountGivenUpException>(() => access.OpenAsync(Broken, CancellationToken.None));

        Assert.Equal(0, inner.For(Broken).Calls("ListUsers"));
        Assert.Equal(0, inner.For(Broken).Calls("PutSecretValue"));
        Assert.Equal(1, inner.For(Broken).Calls("AssumeRole"));
    }

    [Fact]
    public async Task OtherAccount_OneAccountGivenUp_Unaffected()
    {
        var (access, inner) = Access(1);
        inner.For(Broken).Fault = (_, _) => CallScript.Error(FailureKind.AccessDenied);

        await Assert.ThrowsAsync<AccountGivenUpException>(() => access.OpenAsync(Broken, CancellationToken.None));
        var session = await access.OpenAsync(Healthy, CancellationToken.None);
        await session.Iam.ListUsersAsync(null, CancellationToken.None);

        Assert.Equal(1, inner.For(Healthy).Calls("ListUsers"));
    }

    [Fact]
    public async Task OpenAsync_RoleDeniedRepeatedly_GivesAccountUp()
    {
        var (access, inner) = Access(2);
        inner.For(Broken).Fault = (_, _) => CallScript.Error(FailureKind.AccessDenied);

        await Assert.ThrowsAsync<ServiceException>(() => access.OpenAsync(Broken, CancellationToken.None));
        await Assert.ThrowsAsync<AccountGivenUpException>(() => access.OpenAsync(Broken, CancellationToken.None));
        await Assert.ThrowsAsync<AccountGivenUpException>(() => access.OpenAsync(Broken, CancellationToken.None));

        Assert.Equal(2, inner.For(Broken).Calls("AssumeRole"));
    }

    [Fact]
    public async Task ListUsers_ThrottlingOutlastsRetries_CountsAsOneFailure()
    {
        var (access, inner) = Access(2);
        inner.For(Broken).Fault = (op, _) => op == "ListUsers" ? CallScript.Error(FailureKind.Throttling) : null;
        var session = await access.OpenAsync(Broken, CancellationToken.None);

        await Assert.ThrowsAsync<ServiceException>(() => session.Iam.ListUsersAsync(null, CancellationToken.None));
        await Assert.ThrowsAsync<AccountGivenUpException>(() => session.Iam.ListUsersAsync(null, CancellationToken.None));

        Assert.Equal(14, inner.For(Broken).Calls("ListUsers"));
    }

    [Fact]
    public async Task Failures_InterruptedBySuccessOrEntityError_CountRestarts()
    {
        var (access, inner) = Access(3);
        var failing = true;
        inner.For(Broken).Fault = (op, _) => op switch
        {
            "ListUsers" when failing => CallScript.Error(FailureKind.Final),
            "GetUser" => CallScript.Error(FailureKind.NotFound),
            _ => null,
        };
        var session = await access.OpenAsync(Broken, CancellationToken.None);

        for (var round = 0; round < 3; round++)
        {
            await Assert.ThrowsAsync<ServiceException>(() => session.Iam.ListUsersAsync(null, CancellationToken.None));
            await Assert.ThrowsAsync<ServiceException>(() => session.Iam.ListUsersAsync(null, CancellationToken.None));
            if (round % 2 == 0)
            {
                await Assert.ThrowsAsync<ServiceException>(() => session.Iam.GetUserAsync("gone", CancellationToken.None));
            }
            else
            {
                await session.Iam.UpdateAccessKeyAsync("a", "AKIA1", Core.Facts.AccessKeyStatus.Active, CancellationToken.None);
            }
        }

        Assert.Equal(6, inner.For(Broken).Calls("ListUsers"));
    }

    [Fact]
    public async Task UpdateAndDelete_AccountGivenUp_StillGoThroughForRollBack()
    {
        var (access, inner) = Access(1);
        inner.For(Broken).Fault = (op, _) => op == "PutSecretValue" ? CallScript.Error(FailureKind.Final) : null;
        var session = await access.OpenAsync(Broken, CancellationToken.None);
        var key = await session.Iam.CreateAccessKeyAsync("alice", CancellationToken.None);
        await Assert.ThrowsAsync<AccountGivenUpException>(() => session.SecretsManager.PutSecretValueAsync("alice", key.SecretAccessKey, "token", CancellationToken.None));

        await session.Iam.UpdateAccessKeyAsync("alice", key.AccessKeyId, Core.Facts.AccessKeyStatus.Inactive, CancellationToken.None);
        await session.Iam.DeleteAccessKeyAsync("alice", key.AccessKeyId, CancellationToken.None);

        Assert.Equal(1, inner.For(Broken).Calls("UpdateAccessKey"));
        Assert.Equal(1, inner.For(Broken).Calls("DeleteAccessKey"));
        await Assert.ThrowsAsync<AccountGivenUpException>(() => session.Iam.CreateAccessKeyAsync("bob", CancellationToken.None));
    }

    [Fact]
    public async Task SecretStoreFailing_IamSucceedingInBetween_StillGivesAccountUp()
    {
        var (access, inner) = Access(3);
        inner.For(Broken).Fault = (op, _) => op == "PutSecretValue" ? CallScript.Error(FailureKind.Final) : null;
        var session = await access.OpenAsync(Broken, CancellationToken.None);

        Exception? last = null;
        for (var user = 0; user < 3; user++)
        {
            var key = await session.Iam.CreateAccessKeyAsync($"user{user}", CancellationToken.None);
            last = await Assert.ThrowsAnyAsync<Exception>(() => session.SecretsManager.PutSecretValueAsync($"user{user}", key.SecretAccessKey, "token", CancellationToken.None));
            await session.Iam.DeleteAccessKeyAsync($"user{user}", key.AccessKeyId, CancellationToken.None);
        }

        Assert.IsType<AccountGivenUpException>(last);
        Assert.Equal(3, inner.For(Broken).Calls("DeleteAccessKey"));
    }

    [Fact]
    public async Task StoreAccessKey_GivenUp_MessageCarriesNoSecret()
    {
        var (access, inner) = Access(1);
        inner.For(Broken).Fault = (op, _) => op == "PutSecretValue" ? CallScript.Error(FailureKind.Final) : null;
        var session = await access.OpenAsync(Broken, CancellationToken.None);

        var givenUp = await Assert.ThrowsAsync<AccountGivenUpException>(
            () => session.SecretsManager.PutSecretValueAsync("alice", Key().SecretAccessKey, "token", CancellationToken.None));

        Assert.DoesNotContain("s3cr3t-value", givenUp.ToString(), StringComparison.Ordinal);
        Assert.Contains(Broken, givenUp.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Breaker_CallerCancels_DoesNotCount()
    {
        var (access, inner) = Access(1);
        using var cancellation = new CancellationTokenSource();
        inner.For(Broken).Fault = (op, _) => op == "ListUsers" ? new OperationCanceledException(cancellation.Token) : null;
        inner.For(Broken).OnCall = (op, _) =>
        {
            if (op == "ListUsers") cancellation.Cancel();
        };
        var session = await access.OpenAsync(Broken, CancellationToken.None);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.Iam.ListUsersAsync(null, cancellation.Token));
        await session.Iam.GetUserAsync("a", CancellationToken.None);
    }

    private static NewAccessKey Key() => new("AKIANEW", new SecretText("s3cr3t-value"), DateTimeOffset.UnixEpoch);
}
