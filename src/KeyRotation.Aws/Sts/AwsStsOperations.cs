using Amazon.SecurityToken.Model;
using KeyRotation.Aws.Configuration;
using KeyRotation.Aws.Endpoints;
using KeyRotation.Aws.Iam;
using KeyRotation.Aws.Permissions;
using KeyRotation.Aws.Protocol;
using KeyRotation.Aws.SecretsManager;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Sts;
using PortCallerIdentity = KeyRotation.Engine.Ports.Sts.CallerIdentity;

namespace KeyRotation.Aws.Sts;

/// <summary>
/// The STS operations as the central principal. AssumeRole assumes
/// <c>arn:&lt;partition&gt;:iam::&lt;id&gt;:role/&lt;MemberRoleName&gt;</c> (partition from the caller's own ARN) with the
/// ExternalId, session name <c>key-rotation-&lt;run-id&gt;</c> and SourceIdentity, and returns that account's IAM and
/// Secrets Manager operations, which sign with the assumed-role credentials; those renew themselves before they expire.
/// </summary>
[ActsAs(AwsPrincipal.Central)]
internal sealed class AwsStsOperations(
    StsGateway sts, CallerIdentitySource caller, AwsSettings settings, EndpointResolver endpoints,
    SignedHttpClientFactory clients, TimeProvider time) : IStsOperations
{
    /// <summary>One AssumeRole request (after the run's one GetCallerIdentity, for the partition).</summary>
    /// <exception cref="ServiceException">AccessDenied when the role is missing or its trust refuses us.</exception>
    [RequiresPermission("sts:AssumeRole", "sts:SetSourceIdentity")]
    public async Task<MemberAccountOperations> AssumeRoleAsync(string accountId, CancellationToken cancellationToken)
    {
        if (accountId is not { Length: 12 } || !accountId.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"Account id must be 12 digits, got '{accountId}'.", nameof(accountId));
        }

        var partition = (await caller.GetAsync(cancellationToken).ConfigureAwait(false)).Partition;
        var roleArn = $"arn:{partition.Name}:iam::{accountId}:role/{settings.MemberRoleName}";
        var credentials = new AssumedRoleCredentials(ct => sts.AssumeRoleAsync(Request(roleArn), accountId, ct), time,
            settings.CredentialRefreshMargin);
        // Assume now, so a missing role or a denied trust shows up here rather than on the first IAM call.
        await credentials.CurrentAsync(cancellationToken).ConfigureAwait(false);

        var iamEndpoint = endpoints.Resolve(AwsService.Iam, partition);
        var iam = new IamClient(new QueryClient(clients.Create(credentials, iamEndpoint), iamEndpoint, IamClient.ApiVersion));
        var secretsEndpoint = endpoints.Resolve(AwsService.SecretsManager, partition);
        var secrets = new SecretsManagerClient(new JsonClient(
            clients.Create(credentials, secretsEndpoint), secretsEndpoint, SecretsManagerClient.TargetPrefix));
        return new MemberAccountOperations(accountId, iam, secrets);
    }

    /// <summary>Who the central credentials are; asked once per run (sts:GetCallerIdentity needs no permission).</summary>
    [RequiresPermission]
    public async Task<PortCallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken)
    {
        var identity = await caller.GetAsync(cancellationToken).ConfigureAwait(false);
        return new PortCallerIdentity(identity.Account, identity.Arn);
    }

    /// <summary>The account an access key id belongs to (the key may be active, inactive or deleted).</summary>
    [RequiresPermission("sts:GetAccessKeyInfo")]
    public Task<string> GetAccessKeyInfoAsync(string accessKeyId, CancellationToken cancellationToken) =>
        sts.GetAccessKeyInfoAsync(accessKeyId, cancellationToken);

    private AssumeRoleRequest Request(string roleArn)
    {
        var request = new AssumeRoleRequest
        {
            RoleArn = roleArn,
            RoleSessionName = RoleSessionNames.ForRun(settings.RunId),
            DurationSeconds = (int)Math.Clamp(settings.SessionDuration.TotalSeconds, 900, 43200),
        };
        if (settings.ExternalId is not null) request.ExternalId = settings.ExternalId;
        if (settings.SourceIdentity is not null) request.SourceIdentity = settings.SourceIdentity;
        return request;
    }
}
