using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KeyRotation.Engine.Discovery;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Iam;
using KeyRotation.Engine.Ports.SecretsManager;

namespace KeyRotation.Engine.HandOff;

/// <summary>
/// Keeps each new key pair in the member account as secret <c>key-rotation/&lt;user&gt;</c> (see
/// <see cref="SecretNames"/>), value <c>{"AccessKeyId":..,"SecretAccessKey":..}</c>, tagged
/// <c>key-rotation:managed=true</c>, <c>key-rotation:user=&lt;user&gt;</c> and <c>key-rotation:access-key-id</c> (the
/// key it holds, never the secret), with a resource policy that lets the user read it and denies everyone else
/// (<see cref="SecretResourcePolicy"/>, sparing the optional break-glass role). Creates the secret, or adds a version
/// when it exists and this tool created it; a secret of that name someone else created is never written into. Requests
/// carry a token derived from the access key id, so a repeated store of the same key is idempotent.
/// </summary>
/// <param name="userArns">User ARNs discovery saw in this account; IAM GetUser is asked for any other.</param>
/// <param name="breakGlassRoleArn">A role of this account the resource policy's Deny spares; null spares none.</param>
/// <param name="kmsKeyId">The KMS key a new secret is created with; null: the AWS managed key.</param>
internal sealed class SecretHandOff(
    ISecretsManagerOperations secrets, IIamOperations iam, UserArns userArns, string? breakGlassRoleArn, string? kmsKeyId)
    : ISecretStore
{
    public const string ManagedTag = "key-rotation:managed";
    public const string UserTag = "key-rotation:user";
    public const string AccessKeyIdTag = "key-rotation:access-key-id";

    private const string Service = "secretsmanager";

    public async Task<string> StoreAccessKeyAsync(string userName, NewAccessKey key, CancellationToken cancellationToken)
    {
        var name = SecretNames.ForUser(userName);
        // Resolve the owner first: a user that is gone must not leave a fresh secret behind.
        var ownerArn = userArns.Find(userName)
            ?? (await iam.GetUserAsync(userName, cancellationToken).ConfigureAwait(false)).Arn;
        var value = new SecretText(RelaxedJson.Write(new JsonObject
        {
            ["AccessKeyId"] = key.AccessKeyId,
            ["SecretAccessKey"] = key.SecretAccessKey.Reveal(),
        }));
        var token = RequestToken(key.AccessKeyId);
        var tags = new Dictionary<string, string> { [ManagedTag] = "true", [UserTag] = userName, [AccessKeyIdTag] = key.AccessKeyId };
        var policy = SecretResourcePolicy.ForOwner(ownerArn, breakGlassRoleArn);

        string arn;
        try
        {
            arn = await secrets.CreateSecretAsync(
                new NewSecret(name, $"Access key of IAM user {userName}, kept by key-rotation", value, token, tags, kmsKeyId),
                cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceException e) when (e.Code == "ResourceExistsException")
        {
            // The engine described the name before creating the key, but someone may have taken it since.
            var existing = await DescribeAsync(userName, cancellationToken).ConfigureAwait(false);
            if (existing is not { CreatedByThisTool: true })
            {
                throw new ServiceException(Service, OperationNames.CreateSecret, SecretStoreErrors.NameTaken, FailureKind.Final,
                    detail: $"secret {existing?.Location ?? name} was not created by key-rotation; nothing was written into it",
                    inner: e);
            }

            // The owner-only policy goes on before the new value: whatever policy the secret had until now (its
            // tags say it is ours, but tags can be copied) never covers the new key.
            await secrets.PutResourcePolicyAsync(existing.Location, policy, cancellationToken).ConfigureAwait(false);
            arn = await secrets.PutSecretValueAsync(existing.Location, value, token, cancellationToken).ConfigureAwait(false);
            await secrets.TagResourceAsync(arn, tags, cancellationToken).ConfigureAwait(false);
            return arn;
        }

        await secrets.PutResourcePolicyAsync(arn, policy, cancellationToken).ConfigureAwait(false);
        return arn;
    }

    /// <summary>
    /// Created by this tool means tagged as its own for this very user, under the name this user's secret has
    /// (a name ending in '-' and six characters can also match another secret's ARN suffix, so the name is compared),
    /// and encrypted as this tool encrypts: with Secrets Manager's AWS managed key unless a key is configured. A secret
    /// under someone's own KMS key is theirs whatever its tags say (tags can be copied; a key policy cannot).
    /// </summary>
    public async Task<StoredSecretInfo?> DescribeAsync(string userName, CancellationToken cancellationToken)
    {
        var name = SecretNames.ForUser(userName);
        if (await secrets.DescribeSecretAsync(name, cancellationToken).ConfigureAwait(false) is not { } described) return null;
        var ours = described.Name == name
            && described.Tags.GetValueOrDefault(ManagedTag) == "true"
            && described.Tags.GetValueOrDefault(UserTag) == userName
            && EncryptedAsThisToolDoes(described.KmsKeyId);
        return new StoredSecretInfo(described.Arn, ours, described.Tags.GetValueOrDefault(AccessKeyIdTag));
    }

    /// <summary>
    /// Without a configured key the tool creates secrets under the AWS managed key (DescribeSecret names none, or its
    /// alias). With one, an alias is not comparable to the key ARN Secrets Manager answers, so any customer key passes.
    /// </summary>
    private bool EncryptedAsThisToolDoes(string? described) => kmsKeyId is not null
        ? described is not null
        : described is null || described.EndsWith("alias/aws/secretsmanager", StringComparison.Ordinal);

    /// <summary>A UUID-shaped token (Secrets Manager wants 32 to 64 characters) that is the same for the same key.</summary>
    internal static string RequestToken(string accessKeyId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("key-rotation:" + accessKeyId));
        return new Guid(hash.AsSpan(0, 16)).ToString("D");
    }
}
