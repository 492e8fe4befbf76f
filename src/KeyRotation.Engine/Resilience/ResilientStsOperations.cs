using KeyRotation.Engine.Ports.Sts;

namespace KeyRotation.Engine.Resilience;

/// <summary>
/// Each STS operation through the STS pipeline (one bucket for the run). AssumeRole has no side effect and is retried
/// under the account's breaker, so an account whose role is missing counts toward giving it up; the reads of the
/// central account are retried without a breaker.
/// </summary>
internal sealed class ResilientStsOperations(IStsOperations inner, ResilientCalls calls) : IStsOperations
{
    public Task<MemberAccountOperations> AssumeRoleAsync(string accountId, CancellationToken cancellationToken) =>
        calls.RunAsync(ServiceNames.Sts, Operations.AssumeRole, ct => inner.AssumeRoleAsync(accountId, ct), cancellationToken,
            calls.Breakers.For(accountId));

    public Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken) =>
        calls.RunAsync(ServiceNames.Sts, "GetCallerIdentity", inner.GetCallerIdentityAsync, cancellationToken);

    public Task<string> GetAccessKeyInfoAsync(string accessKeyId, CancellationToken cancellationToken) =>
        calls.RunAsync(ServiceNames.Sts, Operations.GetAccessKeyInfo, ct => inner.GetAccessKeyInfoAsync(accessKeyId, ct), cancellationToken);
}
