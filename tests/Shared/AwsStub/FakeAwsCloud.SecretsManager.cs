using System.Text.Json;
using System.Text.Json.Nodes;

namespace KeyRotation.Testing.AwsStub;

internal sealed partial class FakeAwsCloud
{
    private StubResponse SecretsManager(StubRequest request, FakeAccount account)
    {
        if (request.Target?.StartsWith("secretsmanager.", StringComparison.Ordinal) != true) return JsonError(400, "UnknownOperationException", "bad target");
        var input = request.Json;
        FakeSecret? Find(string id) => account.Secrets.Values.FirstOrDefault(s => s.Name == id || s.Arn == id);
        StubResponse Ok(FakeSecret s) => StubResponse.AwsJson(new JsonObject { ["ARN"] = s.Arn, ["Name"] = s.Name, ["VersionId"] = "v" + s.Versions }.ToJsonString());

        switch (request.Action)
        {
            case "CreateSecret":
                var name = input.GetProperty("Name").GetString()!;
                if (account.Secrets.ContainsKey(name)) return JsonError(400, "ResourceExistsException", $"The operation failed because the secret {name} already exists.");
                var created = new FakeSecret(name, $"arn:{Partition}:secretsmanager:{Region}:{account.Id}:secret:{name}-AbCdEf")
                {
                    Value = input.GetProperty("SecretString").GetString(),
                    Versions = 1,
                    KmsKeyId = input.TryGetProperty("KmsKeyId", out var kmsKey) ? kmsKey.GetString() : null,
                };
                foreach (var tag in input.TryGetProperty("Tags", out var tags) ? tags.EnumerateArray() : default)
                {
                    created.Tags[tag.GetProperty("Key").GetString()!] = tag.GetProperty("Value").GetString()!;
                }

                account.Secrets[name] = created;
                return Ok(created);
            case "PutSecretValue":
                if (Find(input.GetProperty("SecretId").GetString()!) is not { } existing) return JsonError(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
                existing.Value = input.GetProperty("SecretString").GetString();
                existing.Versions++;
                return Ok(existing);
            case "TagResource":
                if (Find(input.GetProperty("SecretId").GetString()!) is not { } tagged) return JsonError(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
                foreach (var tag in input.GetProperty("Tags").EnumerateArray()) tagged.Tags[tag.GetProperty("Key").GetString()!] = tag.GetProperty("Value").GetString()!;
                return StubResponse.AwsJson("");
            case "PutResourcePolicy":
                if (Find(input.GetProperty("SecretId").GetString()!) is not { } secured) return JsonError(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
                var policy = input.GetProperty("ResourcePolicy").GetString()!;
                using (JsonDocument.Parse(policy))
                {
                    secured.Policy = policy;
                }

                return StubResponse.AwsJson(new JsonObject { ["ARN"] = secured.Arn, ["Name"] = secured.Name }.ToJsonString());
            case "DescribeSecret":
                // Only metadata: the value never leaves with a describe.
                if (Find(input.GetProperty("SecretId").GetString()!) is not { } described) return JsonError(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
                var description = new JsonObject
                {
                    ["ARN"] = described.Arn,
                    ["Name"] = described.Name,
                    ["Tags"] = new JsonArray([.. described.Tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })]),
                };
                if (described.KmsKeyId is not null) description["KmsKeyId"] = described.KmsKeyId;
                return StubResponse.AwsJson(description.ToJsonString());
            default:
                return JsonError(400, "InvalidAction", "unsupported " + request.Action);
        }
    }
}
