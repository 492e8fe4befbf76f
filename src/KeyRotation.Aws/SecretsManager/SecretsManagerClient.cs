using System.Text.Json.Nodes;
using KeyRotation.Aws.Protocol;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.SecretsManager;

/// <summary>The Secrets Manager operations the tool uses (awsJson1_1). Secret values are cut from any error detail.</summary>
internal sealed class SecretsManagerClient(JsonClient json)
{
    public const string TargetPrefix = "secretsmanager";

    /// <returns>The secret's ARN.</returns>
    /// <exception cref="KeyRotation.Engine.Ports.ServiceException">Code ResourceExistsException when the name is taken.</exception>
    /// <param name="kmsKeyId">The KMS key to encrypt with; null: Secrets Manager's AWS managed key.</param>
    public async Task<string> CreateSecretAsync(string name, string description, string secretString, string clientRequestToken,
        IReadOnlyDictionary<string, string> tags, IReadOnlyCollection<string> secrets, CancellationToken cancellationToken,
        string? kmsKeyId = null)
    {
        var input = new JsonObject
        {
            ["Name"] = name,
            ["Description"] = description,
            ["SecretString"] = secretString,
            ["ClientRequestToken"] = clientRequestToken,
            ["Tags"] = Tags(tags),
        };
        if (kmsKeyId is not null)
        {
            input["KmsKeyId"] = kmsKeyId;
        }

        return await json.SendAsync("CreateSecret", input, Arn, cancellationToken, secrets).ConfigureAwait(false);
    }

    /// <returns>The secret's ARN.</returns>
    public async Task<string> PutSecretValueAsync(string secretId, string secretString, string clientRequestToken,
        IReadOnlyCollection<string> secrets, CancellationToken cancellationToken)
    {
        var input = new JsonObject
        {
            ["SecretId"] = secretId,
            ["SecretString"] = secretString,
            ["ClientRequestToken"] = clientRequestToken,
        };
        return await json.SendAsync("PutSecretValue", input, Arn, cancellationToken, secrets).ConfigureAwait(false);
    }

    public Task TagResourceAsync(string secretId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        json.SendAsync("TagResource", new JsonObject { ["SecretId"] = secretId, ["Tags"] = Tags(tags) }, cancellationToken);

    /// <summary>Sets the policy, asking Secrets Manager to refuse it should it ever grant public access.</summary>
    public Task PutResourcePolicyAsync(string secretId, string policy, CancellationToken cancellationToken) =>
        json.SendAsync("PutResourcePolicy", new JsonObject
        {
            ["SecretId"] = secretId,
            ["ResourcePolicy"] = policy,
            ["BlockPublicPolicy"] = true,
        }, cancellationToken);

    /// <summary>The secret's metadata (never its value), or null when there is no secret by that id.</summary>
    public async Task<DescribedSecret?> DescribeSecretAsync(string secretId, CancellationToken cancellationToken)
    {
        try
        {
            return await json.SendAsync("DescribeSecret", new JsonObject { ["SecretId"] = secretId }, ReadDescribed, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ServiceException e) when (e.Code == "ResourceNotFoundException")
        {
            return null;
        }
    }

    private static DescribedSecret ReadDescribed(System.Text.Json.JsonElement output)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in output.Array("Tags"))
        {
            tags[tag.RequiredString("Key")] = tag.String("Value") ?? "";
        }

        return new DescribedSecret(output.RequiredString("ARN"), output.RequiredString("Name"), tags) { KmsKeyId = output.String("KmsKeyId") };
    }

    private static string Arn(System.Text.Json.JsonElement output) => output.RequiredString("ARN");

    private static JsonArray Tags(IReadOnlyDictionary<string, string> tags) =>
        new([.. tags.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })]);
}

/// <summary>What DescribeSecret says about a secret that matters here.</summary>
internal sealed record DescribedSecret(string Arn, string Name, IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>The customer-managed key the secret is encrypted with; null for Secrets Manager's AWS managed key.</summary>
    public string? KmsKeyId { get; init; }
}
