using System.Text.Json.Nodes;
using KeyRotation.Engine.Ports;


namespace KeyRotation.Engine.HandOff;

/// <summary>
/// The resource policy on each key secret: the owning IAM user (by ARN, path included) may read it, and every other
/// principal is denied, whatever its identity policy grants (an explicit Deny wins over any Allow), so a power user
/// of the member account with <c>secretsmanager:*</c> on <c>*</c> cannot take the key. An optional break-glass role
/// is spared from the Deny (it still needs its own Allow).
/// </summary>
internal static class SecretResourcePolicy
{
    /// <summary>The actions that reveal a secret's value; the Deny covers every one of them.</summary>
    public static IReadOnlyList<string> ReadActions { get; } = ["secretsmanager:GetSecretValue", "secretsmanager:BatchGetSecretValue"];

    public static string ForOwner(string userArn, string? breakGlassRoleArn = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(userArn);
        var readers = new JsonArray(JsonValue.Create(userArn));
        if (!string.IsNullOrEmpty(breakGlassRoleArn)) readers.Add((JsonNode?)JsonValue.Create(breakGlassRoleArn));
        return RelaxedJson.Write(new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(
                new JsonObject
                {
                    ["Sid"] = "OwnerReadsOwnAccessKey",
                    ["Effect"] = "Allow",
                    ["Principal"] = new JsonObject { ["AWS"] = userArn },
                    ["Action"] = "secretsmanager:GetSecretValue",
                    ["Resource"] = "*",
                },
                new JsonObject
                {
                    ["Sid"] = "NobodyElseReadsIt",
                    ["Effect"] = "Deny",
                    ["Principal"] = "*",
                    ["Action"] = new JsonArray([.. ReadActions.Select(a => JsonValue.Create(a))]),
                    ["Resource"] = "*",
                    ["Condition"] = new JsonObject
                    {
                        ["StringNotEquals"] = new JsonObject { ["aws:PrincipalArn"] = readers },
                    },
                }),
        });
    }
}
