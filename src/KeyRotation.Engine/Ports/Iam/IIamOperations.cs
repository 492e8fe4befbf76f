using KeyRotation.Core.Facts;

namespace KeyRotation.Engine.Ports.Iam;

/// <summary>
/// The IAM operations the tool uses in one member account, one request each: no paging loop, no retry, no decision.
/// Errors surface as <see cref="ServiceException"/> with the service's code and a <see cref="FailureKind"/>.
/// </summary>
public interface IIamOperations
{
    /// <summary>ListUsers: one page of users (name, path, ARN).</summary>
    Task<Page<IamUser>> ListUsersAsync(string? marker, CancellationToken cancellationToken);

    /// <summary>GetUser. <see cref="FailureKind.NotFound"/> (NoSuchEntity) when there is no such user.</summary>
    Task<IamUser> GetUserAsync(string userName, CancellationToken cancellationToken);

    /// <summary>ListUserTags: one page of the user's tags.</summary>
    Task<Page<KeyValuePair<string, string>>> ListUserTagsAsync(string userName, string? marker, CancellationToken cancellationToken);

    /// <summary>ListAccessKeys: one page of the user's keys (id, status, creation).</summary>
    Task<Page<IamAccessKey>> ListAccessKeysAsync(string userName, string? marker, CancellationToken cancellationToken);

    /// <summary>GetAccessKeyLastUsed: the key's user and last use. <see cref="FailureKind.NotFound"/> for a key of no user here.</summary>
    Task<AccessKeyLastUse> GetAccessKeyLastUsedAsync(string accessKeyId, CancellationToken cancellationToken);

    /// <summary>GenerateCredentialReport: starts a report, or says one younger than four hours is ready.</summary>
    Task<CredentialReportState> GenerateCredentialReportAsync(CancellationToken cancellationToken);

    /// <summary>GetCredentialReport: the CSV and when it was generated. NotFound/Final codes ReportNotPresent,
    /// ReportExpired, ReportInProgress as IAM names them.</summary>
    Task<CredentialReportDocument> GetCredentialReportAsync(CancellationToken cancellationToken);

    /// <summary>GetAccountAuthorizationDetails with Filter=User: one page of users with their tags.</summary>
    Task<Page<IamUserDetail>> GetAccountAuthorizationDetailsAsync(string? marker, CancellationToken cancellationToken);

    /// <summary>CreateAccessKey. <see cref="FailureKind.LimitExceeded"/> when the user already has two keys.</summary>
    Task<NewAccessKey> CreateAccessKeyAsync(string userName, CancellationToken cancellationToken);

    /// <summary>UpdateAccessKey: sets the key's status.</summary>
    Task UpdateAccessKeyAsync(string userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken);

    /// <summary>DeleteAccessKey.</summary>
    Task DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken cancellationToken);
}
