using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience.Breakers;
using KeyRotation.Engine.Resilience.Retry;

namespace KeyRotation.Engine.Tests.Resilience.Retry;

public class FailureClassifierTests
{
    [Theory]
    [InlineData(FailureKind.Throttling, true)]
    [InlineData(FailureKind.Transient, true)]
    [InlineData(FailureKind.AccessDenied, false)]
    [InlineData(FailureKind.LimitExceeded, false)]
    [InlineData(FailureKind.NotFound, false)]
    [InlineData(FailureKind.Validation, false)]
    [InlineData(FailureKind.Final, false)]
    public void ShouldRetry_ServiceExceptionKind_RetriesOnlyThrottlingAndTransient(FailureKind kind, bool expected)
    {
        Assert.Equal(expected, FailureClassifier.ShouldRetry(CallScript.Error(kind), "DiscoverUsers", CancellationToken.None));
    }

    [Fact]
    public void ShouldRetry_AllFailureKindsCovered_MatchesIsRetryable()
    {
        foreach (var kind in Enum.GetValues<FailureKind>())
        {
            var error = CallScript.Error(kind);
            Assert.Equal(error.IsRetryable, FailureClassifier.ShouldRetry(error, "ReadUser", CancellationToken.None));
        }
    }

    public static TheoryData<Exception> TransportErrors() => new()
    {
        new TimeoutException(),
        new HttpRequestException("connection reset"),
        new TaskCanceledException("HttpClient.Timeout elapsed", new TimeoutException()),
        new OperationCanceledException(new CancellationToken(canceled: true)),
    };

    [Theory]
    [MemberData(nameof(TransportErrors))]
    public void ShouldRetry_TransportErrorNotFromCallerToken_RetriesAsTransient(Exception error)
    {
        Assert.True(FailureClassifier.IsTransient(error, CancellationToken.None));
        Assert.True(FailureClassifier.ShouldRetry(error, "DiscoverUsers", CancellationToken.None));
    }

    [Fact]
    public void ShouldRetry_CallerCancelled_NeverRetries()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.False(FailureClassifier.ShouldRetry(new TaskCanceledException(), "DiscoverUsers", cancelled.Token));
        Assert.False(FailureClassifier.ShouldRetry(CallScript.Error(FailureKind.Throttling), "DiscoverUsers", cancelled.Token));
    }

    [Theory]
    [InlineData(typeof(InvalidOperationException))]
    [InlineData(typeof(ArgumentException))]
    public void ShouldRetry_OtherException_DoesNotRetry(Type type)
    {
        var error = (Exception)Activator.CreateInstance(type)!;

        Assert.False(FailureClassifier.ShouldRetry(error, "DiscoverUsers", CancellationToken.None));
    }

    [Fact]
    public void ShouldRetry_CreateAccessKeyThrottled_Retries()
    {
        Assert.True(FailureClassifier.ShouldRetry(CallScript.Error(FailureKind.Throttling), "CreateAccessKey", CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(TransportErrors))]
    public void ShouldRetry_CreateAccessKeyTransportError_DoesNotRetry(Exception error)
    {
        Assert.False(FailureClassifier.ShouldRetry(error, "CreateAccessKey", CancellationToken.None));
        Assert.False(FailureClassifier.ShouldRetry(CallScript.Error(FailureKind.Transient), "CreateAccessKey", CancellationToken.None));
    }

    [Theory]
    [InlineData(FailureKind.Throttling, "Broken")]
    [InlineData(FailureKind.Transient, "Broken")]
    [InlineData(FailureKind.AccessDenied, "Broken")]
    [InlineData(FailureKind.Final, "Broken")]
    [InlineData(FailureKind.LimitExceeded, "Healthy")]
    [InlineData(FailureKind.NotFound, "Healthy")]
    [InlineData(FailureKind.Validation, "Healthy")]
    public void JudgeAccount_FailureKind_CountsOnlyAccountWideFailures(FailureKind kind, string expected)
    {
        Assert.Equal(expected, FailureClassifier.JudgeAccount(CallScript.Error(kind), CancellationToken.None).ToString());
    }

    [Fact]
    public void JudgeAccount_CallerCancelledOrAlreadyGivenUp_SaysNothing()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var givenUp = new AccountGivenUpException("111111111111", 5, CallScript.Error(FailureKind.Final));

        Assert.Equal(AccountEvidence.None, FailureClassifier.JudgeAccount(new OperationCanceledException(cancelled.Token), cancelled.Token));
        Assert.Equal(AccountEvidence.None, FailureClassifier.JudgeAccount(givenUp, CancellationToken.None));
        Assert.Equal(AccountEvidence.Broken, FailureClassifier.JudgeAccount(new TimeoutException(), CancellationToken.None));
    }
}
