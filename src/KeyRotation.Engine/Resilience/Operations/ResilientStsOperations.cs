using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Sts;
using KeyRotation.Engine.Resilience.Pipelines;
using KeyRotation.Engine.Resilience.Retry;

namespace KeyRotation.Engine.Resilience.Operations;

/// <summary>
/// Each STS operation through the STS pipeline (one bucket for the run). AssumeRole has no side effect and is retried
/// under the account's breaker, so an account whose role is missing counts toward giving it up; the reads of the
/// central account are retried without a breaker.
/// </summary>
internal sealed class ResilientStsOperations(IStsOperations inner, ResilientCalls calls) : IStsOperations
{
    public Task<MemberAccountOperations> AssumeRoleAsync(string accountId, CancellationToken cancellationToken) =>
        calls.RunAsync(OperationNames.Sts, OperationNames.AssumeRole, ct => inner.AssumeRoleAsync(accountId, ct), cancellationToken,
            calls.Breakers.For(accountId));

    public Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken) =>
        calls.RunAsync(OperationNames.Sts, OperationNames.GetCallerIdentity, inner.GetCallerIdentityAsync, cancellationToken);

    public Task<string> GetAccessKeyInfoAsync(string accessKeyId, CancellationToken cancellationToken) =>
        calls.RunAsync(OperationNames.Sts, OperationNames.GetAccessKeyInfo, ct => inner.GetAccessKeyInfoAsync(accessKeyId, ct), cancellationToken);
}
