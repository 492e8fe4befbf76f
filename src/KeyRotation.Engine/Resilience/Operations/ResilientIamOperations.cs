using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Iam;
using KeyRotation.Engine.Resilience.Breakers;
using KeyRotation.Engine.Resilience.Pipelines;
using KeyRotation.Engine.Resilience.Retry;

namespace KeyRotation.Engine.Resilience.Operations;

/// <summary>
/// Each IAM operation of one account through the IAM pipeline: one token of the account's bucket per attempt (IAM
/// meters requests, and an operation is one request), retried as <see cref="FailureClassifier"/> allows, under the
/// account's breaker. Reads, UpdateAccessKey (setting a status twice is harmless) and DeleteAccessKey are retried on
/// throttling and transient errors; CreateAccessKey only on throttling (see <see cref="FailureClassifier.ShouldRetry"/>).
/// </summary>
internal sealed class ResilientIamOperations(IIamOperations inner, ResilientCalls calls, AccountBreaker breaker) : IIamOperations
{
    public Task<Page<IamUser>> ListUsersAsync(string? marker, CancellationToken cancellationToken) =>
        Run(OperationNames.ListUsers, ct => inner.ListUsersAsync(marker, ct), cancellationToken);

    public Task<IamUser> GetUserAsync(string userName, CancellationToken cancellationToken) =>
        Run(OperationNames.GetUser, ct => inner.GetUserAsync(userName, ct), cancellationToken);

    public Task<Page<KeyValuePair<string, string>>> ListUserTagsAsync(string userName, string? marker, CancellationToken cancellationToken) =>
        Run(OperationNames.ListUserTags, ct => inner.ListUserTagsAsync(userName, marker, ct), cancellationToken);

    public Task<Page<IamAccessKey>> ListAccessKeysAsync(string userName, string? marker, CancellationToken cancellationToken) =>
        Run(OperationNames.ListAccessKeys, ct => inner.ListAccessKeysAsync(userName, marker, ct), cancellationToken);

    public Task<AccessKeyLastUse> GetAccessKeyLastUsedAsync(string accessKeyId, CancellationToken cancellationToken) =>
        Run(OperationNames.GetAccessKeyLastUsed, ct => inner.GetAccessKeyLastUsedAsync(accessKeyId, ct), cancellationToken);

    public Task<CredentialReportState> GenerateCredentialReportAsync(CancellationToken cancellationToken) =>
        Run(OperationNames.GenerateCredentialReport, inner.GenerateCredentialReportAsync, cancellationToken);

    public Task<CredentialReportDocument> GetCredentialReportAsync(CancellationToken cancellationToken) =>
        Run(OperationNames.GetCredentialReport, inner.GetCredentialReportAsync, cancellationToken);

    public Task<Page<IamUserDetail>> GetAccountAuthorizationDetailsAsync(string? marker, CancellationToken cancellationToken) =>
        Run(OperationNames.GetAccountAuthorizationDetails, ct => inner.GetAccountAuthorizationDetailsAsync(marker, ct), cancellationToken);

    public Task<NewAccessKey> CreateAccessKeyAsync(string userName, CancellationToken cancellationToken) =>
        Run(OperationNames.CreateAccessKey, ct => inner.CreateAccessKeyAsync(userName, ct), cancellationToken);

    public Task UpdateAccessKeyAsync(string userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken) =>
        calls.RunAsync(OperationNames.Iam, OperationNames.UpdateAccessKey,
            ct => inner.UpdateAccessKeyAsync(userName, accessKeyId, status, ct), cancellationToken, breaker);

    /// <summary>
    /// When an earlier attempt failed transiently it may have deleted the key; NotFound on a later attempt then
    /// means the delete happened, and is success. NotFound on the first attempt is passed on: the key was gone
    /// before this call, which the engine reports as such.
    /// </summary>
    public Task DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken cancellationToken)
    {
        var mayHaveDeleted = false;
        return calls.RunAsync(
            OperationNames.Iam,
            OperationNames.DeleteAccessKey,
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

    private Task<T> Run<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        calls.RunAsync(OperationNames.Iam, operation, call, cancellationToken, breaker);
}
