using System.Text.Json;
using System.Text.Json.Nodes;
using KeyRotation.Aws.Permissions;
using KeyRotation.Aws.Protocol;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.SecretsManager;

namespace KeyRotation.Aws.SecretsManager;

/// <summary>
/// The Secrets Manager operations the tool uses (awsJson1_1), called as the assumed member role, one request each.
/// A secret's value is cut from any error detail, and so is each string inside it but the key id when it is a JSON
/// object (the key pair), so an echo of part of it is cut too.
/// </summary>
[ActsAs(AwsPrincipal.Member)]
internal sealed class SecretsManagerClient(JsonClient json) : ISecretsManagerOperations
{
    public const string TargetPrefix = "secretsmanager";

    /// <summary>The secret's metadata (never its value), or null when there is no secret by that id.</summary>
    [RequiresPermission("secretsmanager:DescribeSecret")]
    public async Task<SecretDescription?> DescribeSecretAsync(string secretId, CancellationToken cancellationToken)
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

    /// <returns>The secret's ARN.</returns>
    /// <exception cref="ServiceException">Code ResourceExistsException when the name is taken.</exception>
    [RequiresPermission("secretsmanager:CreateSecret", "secretsmanager:TagResource")]
    public async Task<string> CreateSecretAsync(NewSecret secret, CancellationToken cancellationToken)
    {
        var input = new JsonObject
        {
            ["Name"] = secret.Name,
            ["Description"] = secret.Description,
            ["SecretString"] = secret.Value.Reveal(),
            ["ClientRequestToken"] = secret.ClientRequestToken,
            ["Tags"] = Tags(secret.Tags),
        };
        if (secret.KmsKeyId is not null)
        {
            input["KmsKeyId"] = secret.KmsKeyId;
        }

        return await json.SendAsync("CreateSecret", input, Arn, cancellationToken, Redacted(secret.Value)).ConfigureAwait(false);
    }

    /// <returns>The secret's ARN.</returns>
    [RequiresPermission("secretsmanager:PutSecretValue")]
    public async Task<string> PutSecretValueAsync(string secretId, SecretText value, string clientRequestToken, CancellationToken cancellationToken)
    {
        var input = new JsonObject
        {
            ["SecretId"] = secretId,
            ["SecretString"] = value.Reveal(),
            ["ClientRequestToken"] = clientRequestToken,
        };
        return await json.SendAsync("PutSecretValue", input, Arn, cancellationToken, Redacted(value)).ConfigureAwait(false);
    }

    [RequiresPermission("secretsmanager:TagResource")]
    public Task TagResourceAsync(string secretId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        json.SendAsync("TagResource", new JsonObject { ["SecretId"] = secretId, ["Tags"] = Tags(tags) }, cancellationToken);

    /// <summary>Sets the policy, asking Secrets Manager to refuse it should it ever grant public access.</summary>
    [RequiresPermission("secretsmanager:PutResourcePolicy")]
    public Task PutResourcePolicyAsync(string secretId, string policy, CancellationToken cancellationToken) =>
        json.SendAsync("PutResourcePolicy", new JsonObject
        {
            ["SecretId"] = secretId,
            ["ResourcePolicy"] = policy,
            ["BlockPublicPolicy"] = true,
        }, cancellationToken);

    /// <summary>The value, and each string member of it but the key id when it is a JSON object (the key pair's secret half).</summary>
    private static string[] Redacted(SecretText value)
    {
        var text = value.Reveal();
        var redact = new List<string> { text };
        try
        {
            if (JsonNode.Parse(text) is JsonObject members)
            {
                // The key id is no secret, and error details name it usefully.
                redact.AddRange(members.Where(m => m.Key != "AccessKeyId").Select(m => m.Value).OfType<JsonValue>()
                    .Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>().Where(s => s.Length > 0));
            }
        }
        catch (JsonException)
        {
        }

        return [.. redact];
    }

    private static SecretDescription ReadDescribed(JsonElement output)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in output.Array("Tags"))
        {
            tags[tag.RequiredString("Key")] = tag.String("Value") ?? "";
        }

        return new SecretDescription(output.RequiredString("ARN"), output.RequiredString("Name"), tags, output.String("KmsKeyId"));
    }

    private static string Arn(JsonElement output) => output.RequiredString("ARN");

    private static JsonArray Tags(IReadOnlyDictionary<string, string> tags) =>
        new([.. tags.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })]);
}
