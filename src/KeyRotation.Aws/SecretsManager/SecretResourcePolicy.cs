using System.Text.Json.Nodes;
using KeyRotation.Aws.Protocol;

namespace KeyRotation.Aws.SecretsManager;

/// <summary>
/// The resource policy on each key secret: it allows the owning IAM user (by ARN, path included) to read the secret.
/// It only adds an Allow; principals of the member account whose identity policies already grant
/// <c>secretsmanager:GetSecretValue</c> on it (administrators) can still read it. A Deny for everyone else was left
/// out on purpose: it would also lock out break-glass administrators, and this tool's role never reads secrets.
/// </summary>
internal static class SecretResourcePolicy
{
    public static string ForOwner(string userArn) => JsonText.Write(new JsonObject
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(new JsonObject
        {
            ["Sid"] = "OwnerReadsOwnAccessKey",
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["AWS"] = userArn },
            ["Action"] = "secretsmanager:GetSecretValue",
            ["Resource"] = "*",
        }),
    });
}
