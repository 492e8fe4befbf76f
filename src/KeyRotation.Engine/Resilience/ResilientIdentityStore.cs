using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Engine.Resilience;

/// <summary>
/// IAM calls of one account: paced by the account's token bucket, retried as <see cref="FailureClassifier"/> allows,
/// under the account's breaker. Reads, UpdateAccessKey (setting a status twice is harmless) and DeleteAccessKey are
/// retried on throttling and transient errors; CreateAccessKey only on throttling (see <see cref="FailureClassifier.ShouldRetry"/>).
/// </summary>
internal sealed class ResilientIdentityStore(IIdentityStore inner, ResilientCalls calls, AccountBreaker breaker) : IIdentityStore
{
    public Task<DiscoveredUsers> DiscoverUsersAsync(CancellationToken cancellationToken) =>
        calls.RunAsync(ServiceNames.Iam, Operations.DiscoverUsers, inner.DiscoverUsersAsync, cancellationToken, breaker);

    public Task<UserFacts?> ReadUserAsync(string userName, CancellationToken cancellationToken) =>
        calls.RunAsync(ServiceNames.Iam, Operations.ReadUser, ct => inner.ReadUserAsync(userName, ct), cancellationToken, breaker);

    public Task<NewAccessKey> CreateAccessKeyAsync(string userName, CancellationToken cancellationToken) =>
        calls.RunAsync(ServiceNames.Iam, Operations.CreateAccessKey, ct => inner.CreateAccessKeyAsync(userName, ct), cancellationToken, breaker);

    public Task UpdateAccessKeyStatusAsync(string userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken) =>
        calls.RunAsync(
            ServiceNames.Iam,
            Operations.UpdateAccessKey,
            ct => inner.UpdateAccessKeyStatusAsync(userName, accessKeyId, status, ct),
            cancellationToken,
            breaker);

    /// <summary>
    /// When an earlier attempt failed transiently it may have deleted the key; NotFound on a later attempt then
    /// means the delete happened, and is success. NotFound on the first attempt is passed on: the key was gone
    /// before this call, which the engine reports as such.
    /// </summary>
    public Task DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken cancellationToken)
    {
        var mayHaveDeleted = false;
        return calls.RunAsync(
            ServiceNames.Iam,
            Operations.DeleteAccessKey,
            async ct =>
            {
                try
                {
                    await inner.DeleteAccessKeyAsync(userName, accessKeyId, ct).ConfigureAwait(false);
                }
                catch (ServiceException e) when (e.Kind == FailureKind.NotFound && mayHaveDeleted)
                {
                }
                catch (Exception e) when (FailureClassifier.IsTransient(e, cancellationToken))
                {
                    mayHaveDeleted = true;
                    throw;
                }
            },
            cancellationToken,
            breaker);
    }

    public Task<string?> FindAccessKeyOwnerAsync(string accessKeyId, CancellationToken cancellationToken) =>
        calls.RunAsync(ServiceNames.Iam, Operations.GetAccessKeyLastUsed, ct => inner.FindAccessKeyOwnerAsync(accessKeyId, ct),
            cancellationToken, breaker);
}
