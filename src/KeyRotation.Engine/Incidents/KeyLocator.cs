using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Runs;

namespace KeyRotation.Engine.Incidents;

/// <summary>A key found in the organization: its account, a session in that account, its user and the key itself.</summary>
internal sealed record LocatedKey(AccountFacts Account, IAccountSession Session, UserFacts User, AccessKeyFacts Key);

/// <summary>
/// Finds one key from its id alone, with as few requests as that takes: STS names the account
/// (GetAccessKeyInfo), Organizations confirms it is a member (DescribeAccount, and its tags), the member role is
/// assumed, IAM names the user (GetAccessKeyLastUsed) and the user is read live. No account listing, no discovery.
/// Each dead end is a refusal naming what to check; what was found so far stays readable for the audit record.
/// </summary>
internal sealed class KeyLocator(RotationServices services)
{
    /// <summary>The key's account once STS named it.</summary>
    public string? AccountId { get; private set; }

    /// <summary>The key's user once IAM named it.</summary>
    public string? UserName { get; private set; }

    /// <exception cref="IncidentRefusedException">The key, its account's membership or the member role is missing.</exception>
    public async Task<LocatedKey> LocateAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        var keyInfo = services.AccessKeyInfo
            ?? throw new InvalidOperationException("this host gives the engine no access key lookup (RotationServices.AccessKeyInfo)");
        try
        {
            AccountId = await keyInfo.AccountOfAccessKeyAsync(accessKeyId, cancellationToken);
        }
        catch (ServiceException e) when (e.Kind is FailureKind.NotFound or FailureKind.Validation)
        {
            throw new IncidentRefusedException(IncidentRefusal.KeyNotFound,
                $"STS knows no account for access key {accessKeyId} ({e.Code}); check the id", e);
        }

        var account = await services.Directory.DescribeAccountAsync(AccountId, cancellationToken)
            ?? throw new IncidentRefusedException(IncidentRefusal.AccountOutsideOrganization,
                $"access key {accessKeyId} belongs to account {AccountId}, which is not a member of this organization; " +
                "its owner must act on it, this tool cannot");

        IAccountSession session;
        try
        {
            session = await services.AccountAccess.OpenAsync(AccountId, cancellationToken);
        }
        catch (Exception e) when (Denied(e) is { } denied)
        {
            throw new IncidentRefusedException(IncidentRefusal.RoleNotDeployed,
                $"the member role could not be assumed in account {AccountId} ({denied.Code}): deploy the member StackSet " +
                "to it, or check the role's trust and the external id", e);
        }

        try
        {
            UserName = await session.Identity.FindAccessKeyOwnerAsync(accessKeyId, cancellationToken);
        }
        catch (ServiceException e) when (e.Kind is FailureKind.NotFound or FailureKind.AccessDenied)
        {
            // IAM answers a key id it does not hold in this account with NoSuchEntity or AccessDenied.
            UserName = null;
        }

        if (UserName is null)
        {
            throw new IncidentRefusedException(IncidentRefusal.KeyNotFound,
                $"no IAM user of account {AccountId} holds access key {accessKeyId} (deleted, or never an IAM user key)");
        }

        var user = await session.Identity.ReadUserAsync(UserName, cancellationToken);
        var key = user?.AccessKeys.FirstOrDefault(k => k.AccessKeyId == accessKeyId)
            ?? throw new IncidentRefusedException(IncidentRefusal.KeyNotFound,
                $"access key {accessKeyId} is no longer among the keys of user {UserName} in account {AccountId}");
        return new LocatedKey(account, session, user!, key);
    }

    /// <summary>AccessDenied from AssumeRole, also when the account breaker wrapped it.</summary>
    private static ServiceException? Denied(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is ServiceException { Kind: FailureKind.AccessDenied } denied)
            {
                return denied;
            }
        }

        return null;
    }
}
