using KeyRotation.Engine.Ports;

namespace KeyRotation.Engine.Resilience;

/// <summary>
/// For an account access that is not the engine's <see cref="Accounts.MemberAccountAccess"/> (a test's fake of the
/// seam): the whole port call is one pipeline call. The engine's own access is wrapped per operation instead.
/// AssumeRole is retried (it has no side effect) under the account's breaker, so an account whose role is missing
/// counts toward giving it up; the session's ports share that breaker and the account's IAM token bucket.
/// </summary>
internal sealed class ResilientAccountAccess(IAccountAccess inner, ResilientCalls calls) : IAccountAccess
{
    public async Task<IAccountSession> OpenAsync(string accountId, CancellationToken cancellationToken)
    {
        var breaker = calls.Breakers.For(accountId);
        var session = await calls.RunAsync(
            ServiceNames.Sts, Operations.AssumeRole, ct => inner.OpenAsync(accountId, ct), cancellationToken, breaker)
            .ConfigureAwait(false);
        return new ResilientAccountSession(
            session.AccountId,
            new ResilientIdentityStore(session.Identity, calls, breaker),
            new ResilientSecretStore(session.Secrets, calls, breaker));
    }
}

internal sealed record ResilientAccountSession(string AccountId, IIdentityStore Identity, ISecretStore Secrets) : IAccountSession;
