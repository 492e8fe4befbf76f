using System.Text.Json.Nodes;
using KeyRotation.Engine.HandOff;
using static KeyRotation.Lambda.Tests.Security.PolicyWorld;

namespace KeyRotation.Lambda.Tests.Security;

/// <summary>
/// Who can read a new key's secret, decided by an independent IAM evaluator from the resource policy the code writes
/// (<see cref="SecretResourcePolicy"/>) and the member role's policy in stacksets/member-role.yaml.
/// </summary>
public sealed class SecretAccessTests
{
    private const string GetSecretValue = "secretsmanager:GetSecretValue";

    private static readonly string Alice = UserArn(ManagedPath, "alice");
    private static readonly string AliceSecret = SecretArn("alice");
    private static readonly JsonNode AlicePolicy = JsonNode.Parse(SecretResourcePolicy.ForOwner(Alice, BreakGlassRoleArn))!;
    private static readonly JsonArray SecretsManagerStar = Identity("SecretsManagerReadWrite", Allow("secretsmanager:*"));

    [IamSimulateFact]
    public void Owner_ReadsOwnSecret_Allowed() =>
        Assert.Equal("Allowed", Decide(Alice, GetSecretValue, AliceSecret, resourcePolicy: AlicePolicy));

    [IamSimulateFact]
    public void PowerUserRole_WithSecretsManagerStar_ExplicitlyDenied() =>
        Assert.Equal("ExplicitlyDenied", Decide(
            "arn:aws:sts::222222222222:assumed-role/PowerUser/mallory", GetSecretValue, AliceSecret,
            Identity("PowerUserAccess", Allow("secretsmanager:*"), Allow("kms:*")), AlicePolicy));

    [IamSimulateFact]
    public void OtherUser_WithSecretsManagerStar_ExplicitlyDenied() =>
        Assert.Equal("ExplicitlyDenied", Decide(UserArn("/", "bob"), GetSecretValue, AliceSecret, SecretsManagerStar, AlicePolicy));

    /// <summary>The finding itself: with an Allow for the owner alone, the same power user read the key.</summary>
    [IamSimulateFact]
    public void OtherUser_OwnerAllowWithoutDeny_WasAllowedBefore()
    {
        var allowOnly = AlicePolicy.DeepClone();
        allowOnly["Statement"]!.AsArray().RemoveAt(1);

        Assert.Equal("Allowed", Decide(UserArn("/", "bob"), GetSecretValue, AliceSecret, SecretsManagerStar, allowOnly));
    }

    [IamSimulateFact]
    public void BreakGlassRole_WithItsOwnAllow_Allowed() =>
        Assert.Equal("Allowed", Decide(
            "arn:aws:sts::222222222222:assumed-role/break-glass/incident-42", GetSecretValue, AliceSecret,
            Identity("BreakGlass", Allow(GetSecretValue)), AlicePolicy));

    [IamSimulateFact]
    public void MemberRole_ReadsSecret_ExplicitlyDenied() =>
        Assert.Equal("ExplicitlyDenied", Decide(MemberSession, GetSecretValue, AliceSecret, MemberPolicies(), AlicePolicy));

    [IamSimulateFact]
    public void MemberRole_AfterWritingAResourcePolicyGrantingItself_ExplicitlyDenied()
    {
        var grantsItself = Policy(new JsonObject
        {
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["AWS"] = MemberRoleArn },
            ["Action"] = new JsonArray(GetSecretValue, "secretsmanager:BatchGetSecretValue"),
            ["Resource"] = "*",
        });

        Assert.Equal("ExplicitlyDenied", Decide(MemberSession, GetSecretValue, AliceSecret, MemberPolicies(), grantsItself));
        // BatchGetSecretValue takes no resource (IAM evaluates it on "*"); the role is denied it outright.
        Assert.Equal("ExplicitlyDenied", Decide(MemberSession, "secretsmanager:BatchGetSecretValue", "*", MemberPolicies(), resourceAccount: MemberAccount));
    }

    /// <summary>The finding itself: without the role's own Deny, a resource policy it writes let it read.</summary>
    [IamSimulateFact]
    public void MemberRole_GrantingItselfWithoutItsDeny_WasAllowedBefore()
    {
        var grantsItself = Policy(new JsonObject
        {
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["AWS"] = MemberRoleArn },
            ["Action"] = GetSecretValue,
            ["Resource"] = "*",
        });

        Assert.Equal("Allowed", Decide(MemberSession, GetSecretValue, AliceSecret, WithoutDenies(MemberPolicies()), grantsItself));
    }

    [IamSimulateFact]
    public void MemberRole_WritesSecretsInItsRegion_Allowed_AndNowhereElse()
    {
        Assert.Equal("Allowed", Decide(MemberSession, "secretsmanager:PutSecretValue", AliceSecret, MemberPolicies()));
        Assert.Equal("Allowed", Decide(MemberSession, "secretsmanager:DescribeSecret", AliceSecret, MemberPolicies()));
        Assert.Equal("ImplicitlyDenied", Decide(MemberSession, "secretsmanager:PutSecretValue", SecretArn("alice", "us-east-1"), MemberPolicies()));
        Assert.Equal("ImplicitlyDenied", Decide(MemberSession, "secretsmanager:PutSecretValue",
            $"arn:aws:secretsmanager:{Region}:{MemberAccount}:secret:payroll/db-AbCdEf", MemberPolicies()));
    }

    [IamSimulateFact]
    public void SecretsKey_MemberRoleDecrypt_ExplicitlyDenied_EvenThroughSecretsManager()
    {
        var viaSecretsManager = ViaSecretsManager();

        Assert.Equal("ExplicitlyDenied", Decide(MemberSession, "kms:Decrypt", SecretsKeyArn, MemberPolicies(), KeyPolicy(), viaSecretsManager));
        // The key policy alone denies it too, should the role's own Deny ever be dropped.
        Assert.Equal("ExplicitlyDenied", Decide(MemberSession, "kms:Decrypt", SecretsKeyArn, WithoutDenies(MemberPolicies()), KeyPolicy(), viaSecretsManager));
    }

    [IamSimulateFact]
    public void SecretsKey_MemberRoleEncryptsThroughSecretsManagerOnly()
    {
        Assert.Equal("Allowed", Decide(MemberSession, "kms:GenerateDataKey", SecretsKeyArn, MemberPolicies(), KeyPolicy(), ViaSecretsManager()));
        Assert.Equal("ImplicitlyDenied", Decide(MemberSession, "kms:GenerateDataKey", SecretsKeyArn, MemberPolicies(), KeyPolicy(),
            new Dictionary<string, string> { ["kms:CallerAccount"] = MemberAccount }));
    }

    [IamSimulateFact]
    public void SecretsKey_OwnerDecryptsThroughSecretsManager_Allowed_ButNotDirectly()
    {
        Assert.Equal("Allowed", Decide(Alice, "kms:Decrypt", SecretsKeyArn, resourcePolicy: KeyPolicy(), context: ViaSecretsManager()));
        Assert.Equal("ImplicitlyDenied", Decide(Alice, "kms:Decrypt", SecretsKeyArn, resourcePolicy: KeyPolicy(),
            context: new Dictionary<string, string> { ["kms:CallerAccount"] = MemberAccount }));
    }

    private static JsonArray MemberPolicies() => IdentityPolicies(Member(), "MemberRole");

    private static JsonNode KeyPolicy() => Member().Properties("SecretsKey")["KeyPolicy"]!;

    private static Dictionary<string, string> ViaSecretsManager() => new()
    {
        ["kms:ViaService"] = $"secretsmanager.{Region}.amazonaws.com",
        ["kms:CallerAccount"] = MemberAccount,
    };

    private static JsonArray WithoutDenies(JsonArray policies)
    {
        var copy = policies.DeepClone().AsArray();
        foreach (var policy in copy)
        {
            var statements = policy!["policy"]!["Statement"]!.AsArray();
            foreach (var deny in statements.Where(s => (string)s!["Effect"]! == "Deny").ToList())
            {
                statements.Remove(deny);
            }
        }

        return copy;
    }
}
