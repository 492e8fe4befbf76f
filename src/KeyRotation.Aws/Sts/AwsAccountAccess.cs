using System.Collections.Concurrent;
using Amazon.SecurityToken.Model;
using KeyRotation.Aws.Configuration;
using KeyRotation.Aws.Endpoints;
using KeyRotation.Aws.Iam;
using KeyRotation.Aws.Iam.CredentialReports;
using KeyRotation.Aws.Permissions;
using KeyRotation.Aws.Protocol;
using KeyRotation.Aws.SecretsManager;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience;

namespace KeyRotation.Aws.Sts;

/// <summary>
/// Opens member accounts by assuming <c>arn:&lt;partition&gt;:iam::&lt;id&gt;:role/&lt;MemberRoleName&gt;</c> (partition from
/// the caller's own ARN) with the ExternalId, session name <c>key-rotation-&lt;run-id&gt;</c> and SourceIdentity. One
/// session per account per run; its credentials renew themselves before they expire.
/// </summary>
/// <param name="iamPacing">When given, every IAM request of an account (each retry too) first takes a token of that
/// account's bucket; the same object must go to <see cref="ResilientServices.Wrap"/> so IAM is not paced twice.
/// Secrets Manager is not paced here. Default null: IAM requests are not paced by the adapter.</param>
[ActsAs(AwsPrincipal.Central)]
internal sealed class AwsAccountAccess(
    StsGateway sts, CallerIdentitySource caller, AwsSettings settings, EndpointResolver endpoints,
    SignedHttpClientFactory clients, TimeProvider time, IamRequestPacing? iamPacing = null) : IAccountAccess
{
    private readonly ConcurrentDictionary<string, Lazy<Task<AwsAccountSession>>> sessions = new(StringComparer.Ordinal);

    // sts:GetCallerIdentity needs no permission; sts:SetSourceIdentity is needed while a SourceIdentity is configured.
    [RequiresPermission("sts:AssumeRole", "sts:SetSourceIdentity")]
    public async Task<IAccountSession> OpenAsync(string accountId, CancellationToken cancellationToken)
    {
        if (accountId is not { Length: 12 } || !accountId.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"Account id must be 12 digits, got '{accountId}'.", nameof(accountId));
        }

        var lazy = sessions.GetOrAdd(accountId, id => new Lazy<Task<AwsAccountSession>>(() => CreateSessionAsync(id, cancellationToken)));
        AwsAccountSession session;
        try
        {
            session = await lazy.Value.ConfigureAwait(false);
        }
        catch
        {
            // Only sessions that could be built are kept; the next attempt starts afresh.
            sessions.TryRemove(new KeyValuePair<string, Lazy<Task<AwsAccountSession>>>(accountId, lazy));
            throw;
        }

        // Assume now, so a missing role or a denied trust shows up here rather than on the first IAM call.
        await session.Credentials.CurrentAsync(cancellationToken).ConfigureAwait(false);
        return session;
    }

    private async Task<AwsAccountSession> CreateSessionAsync(string accountId, CancellationToken cancellationToken)
    {
        var identity = await caller.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = identity.Partition;
        var roleArn = $"arn:{partition.Name}:iam::{accountId}:role/{settings.MemberRoleName}";
        var credentials = new AssumedRoleCredentials(ct => sts.AssumeRoleAsync(Request(roleArn), accountId, ct), time,
            settings.CredentialRefreshMargin);

        var iamEndpoint = endpoints.Resolve(AwsService.Iam, partition);
        Func<CancellationToken, ValueTask>? paceIam = iamPacing is null ? null : ct => iamPacing.WaitAsync(accountId, ct);
        var iam = new IamClient(new QueryClient(clients.Create(credentials, iamEndpoint), iamEndpoint, IamClient.ApiVersion,
            paceIam));
        var secretsEndpoint = endpoints.Resolve(AwsService.SecretsManager, partition);
        var secrets = new SecretsManagerClient(new JsonClient(
            clients.Create(credentials, secretsEndpoint), secretsEndpoint, SecretsManagerClient.TargetPrefix));
        var arns = new IamUserArns();
        var perKey = new IamUserDiscovery(iam, arns);
        var bulk = settings.Discovery == DiscoveryMode.Bulk
            ? new BulkUserDiscovery(iam, perKey, arns, new CredentialReportSource(iam, time,
                settings.CredentialReportPollInterval, settings.CredentialReportMaxPolls))
            : null;
        return new AwsAccountSession(accountId,
            new AwsIdentityStore(iam, perKey, bulk),
            new AwsSecretStore(secrets, iam, arns, settings.BreakGlassRoleArn?.Replace(":iam::*:", $":iam::{accountId}:", StringComparison.Ordinal))
            {
                KmsKeyId = settings.SecretsKmsKeyId,
            },
            credentials);
    }

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
