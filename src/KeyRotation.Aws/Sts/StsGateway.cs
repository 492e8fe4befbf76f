using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using KeyRotation.Aws.Endpoints;
using KeyRotation.Aws.Protocol;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Sts;

/// <summary>The STS calls the tool makes, through the SDK client, with SDK errors turned into <see cref="ServiceException"/>.</summary>
internal sealed class StsGateway(IAmazonSecurityTokenService sts)
{
    private const string Service = "STS";

    public async Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken)
    {
        try
        {
            var response = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false);
            return new CallerIdentity(response.Account, response.Arn);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw Map("GetCallerIdentity", e, accessDeniedDetail: null);
        }
    }

    /// <summary>The account an access key id belongs to (the key may be active, inactive or deleted).</summary>
    public async Task<string> GetAccessKeyInfoAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await sts.GetAccessKeyInfoAsync(new GetAccessKeyInfoRequest { AccessKeyId = accessKeyId }, cancellationToken)
                .ConfigureAwait(false);
            return response.Account is { Length: > 0 } account
                ? account
                : throw new FormatException("GetAccessKeyInfo returned no account.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw Map("GetAccessKeyInfo", e, accessDeniedDetail: null);
        }
    }

    /// <exception cref="ServiceException">AccessDenied, saying the role is missing or its trust denies us, for that account.</exception>
    public async Task<SessionCredentials> AssumeRoleAsync(AssumeRoleRequest request, string accountId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await sts.AssumeRoleAsync(request, cancellationToken).ConfigureAwait(false);
            var credentials = response.Credentials;
            var expiration = credentials.Expiration is { } at
                ? new DateTimeOffset(at.Kind == DateTimeKind.Local ? at.ToUniversalTime() : DateTime.SpecifyKind(at, DateTimeKind.Utc))
                : throw new FormatException("AssumeRole returned credentials without an expiration.");
            return new SessionCredentials(
                new ImmutableCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken), expiration);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw Map("AssumeRole", e, $"role missing or trust denied for account {accountId} (role {request.RoleArn})");
        }
    }

    private static ServiceException Map(string operation, Exception e, string? accessDeniedDetail)
    {
        if (e is ServiceException known) return known;
        if (e is AmazonServiceException ase && ase.StatusCode != 0 && !string.IsNullOrEmpty(ase.ErrorCode))
        {
            var status = (int)ase.StatusCode;
            var kind = FailureClassifier.Classify(ase.ErrorCode, status);
            var detail = kind == FailureKind.AccessDenied && accessDeniedDetail is not null
                ? accessDeniedDetail
                : AwsHttp.Detail(ase.Message, null);
            return new ServiceException(Service, operation, ase.ErrorCode, kind, status, ase.RequestId, detail, e);
        }

        // The SDK wraps connection failures; unwrap to classify them as transient.
        var cause = e is AmazonServiceException { InnerException: { } inner } ? inner : e;
        return cause is FormatException
            ? new ServiceException(Service, operation, "MalformedResponse", FailureKind.Final, detail: cause.Message, inner: e)
            : AwsHttp.FromTransportFailure(Service, operation, cause);
    }
}
