using KeyRotation.Core.Facts;
using KeyRotation.Core.Targeting;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience.Breakers;
using KeyRotation.Engine.Runs;

namespace KeyRotation.Engine.Execution;

/// <summary>
/// When a refused AssumeRole skips an account instead of failing it (ROTATION-POLICY.md, "Which users and accounts
/// are managed"). STS answers AccessDenied alike for a role that does not exist, a trust policy that does not name the
/// caller, a wrong external id and a central role without sts:AssumeRole; nothing we can read tells them apart (the
/// StackSet's instance list is not ours to read). The rule: AccessDenied on AssumeRole in an account not asked for by
/// id (--accounts) is taken as the role not deployed there (the management account: <see cref="AccountSkipReason.ManagementAccount"/>),
/// the error kept in the report and the audit event, and the run's summary and warnings count them. Asked for by id,
/// the same refusal is a failure: the operator expected the account to be rotated.
/// </summary>
internal static class RoleRefusal
{
    public static AccountSkipReason? SkipReason(AccountFacts account, RotationRunOptions options, Exception error)
    {
        var refused = error is ServiceException { Kind: FailureKind.AccessDenied }
            || (error is AccountGivenUpException { LastError: ServiceException { Kind: FailureKind.AccessDenied } });
        if (!refused || options.Targeting.IncludeAccounts.Contains(account.AccountId))
        {
            return null;
        }

        return account.AccountId == options.ManagementAccountId
            ? AccountSkipReason.ManagementAccount
            : AccountSkipReason.RoleNotDeployed;
    }
}
