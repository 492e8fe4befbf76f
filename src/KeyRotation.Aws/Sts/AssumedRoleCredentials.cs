using Amazon.Runtime;

namespace KeyRotation.Aws.Sts;

/// <summary>
/// One member account's role credentials, assumed on first use and assumed again once less than the refresh margin is
/// left, so a long run never signs with expired credentials. The signing handler asks for credentials on every
/// request, which is where the refresh happens. Concurrent callers share one assumption; a failed one is not kept.
/// </summary>
internal sealed class AssumedRoleCredentials(
    Func<CancellationToken, Task<SessionCredentials>> assume, TimeProvider time, TimeSpan refreshMargin) : AWSCredentials
{
    private readonly Lock gate = new();
    private SessionCredentials? current;
    private Task<SessionCredentials>? refreshing;

    public override ImmutableCredentials GetCredentials() => GetCredentialsAsync().GetAwaiter().GetResult();

    public override async Task<ImmutableCredentials> GetCredentialsAsync() =>
        (await CurrentAsync(CancellationToken.None).ConfigureAwait(false)).Credentials;

    /// <summary>Valid credentials, assuming the role when there are none or they are about to expire.</summary>
    public Task<SessionCredentials> CurrentAsync(CancellationToken cancellationToken)
    {
        Task<SessionCredentials> pending;
        lock (gate)
        {
            if (current is not null && time.GetUtcNow() < current.Expiration - refreshMargin) return Task.FromResult(current);
            if (refreshing is null || refreshing.IsCompleted) refreshing = RefreshAsync();
            pending = refreshing;
        }

        return pending.WaitAsync(cancellationToken);
    }

    private async Task<SessionCredentials> RefreshAsync()
    {
        // Not the caller's token: other requests of the account wait on this same assumption.
        var assumed = await assume(CancellationToken.None).ConfigureAwait(false);
        lock (gate)
        {
            current = assumed;
        }

        return assumed;
    }
}
