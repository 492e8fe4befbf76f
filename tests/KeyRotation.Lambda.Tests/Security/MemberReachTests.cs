using System.Text.Json.Nodes;
using static KeyRotation.Lambda.Tests.Security.PolicyWorld;

namespace KeyRotation.Lambda.Tests.Security;

/// <summary>
/// Whose keys the member role may change (the managed path and tag), and what the read-only operator role may do,
/// decided by an independent IAM evaluator from stacksets/member-role.yaml.
/// </summary>
public sealed class MemberReachTests
{
    private static readonly Dictionary<string, string> Tagged = new() { [$"iam:ResourceTag/{ManagedTagKey}"] = ManagedTagValue };

    [IamSimulateTheory]
    [InlineData("iam:CreateAccessKey")]
    [InlineData("iam:UpdateAccessKey")]
    [InlineData("iam:DeleteAccessKey")]
    public void MemberRole_KeyChange_ManagedUserWithTag_Allowed(string action) =>
        Assert.Equal("Allowed", Decide(MemberSession, action, UserArn(ManagedPath, "alice"), MemberPolicies(), context: Tagged));

    [IamSimulateTheory]
    [InlineData("iam:CreateAccessKey")]
    [InlineData("iam:UpdateAccessKey")]
    [InlineData("iam:DeleteAccessKey")]
    public void MemberRole_KeyChange_UserOutsideTheManagedPath_Denied(string action) =>
        Assert.Equal("ImplicitlyDenied", Decide(MemberSession, action, UserArn("/admins/", "break-glass"), MemberPolicies(), context: Tagged));

    [IamSimulateTheory]
    [InlineData("iam:CreateAccessKey")]
    [InlineData("iam:UpdateAccessKey")]
    [InlineData("iam:DeleteAccessKey")]
    public void MemberRole_KeyChange_ManagedPathWithoutTheTag_ExplicitlyDenied(string action) =>
        Assert.Equal("ExplicitlyDenied", Decide(MemberSession, action, UserArn(ManagedPath, "carol"), MemberPolicies()));

    [IamSimulateFact]
    public void MemberRole_CreateKey_ManagedPathWithAnotherTagValue_ExplicitlyDenied() =>
        Assert.Equal("ExplicitlyDenied", Decide(MemberSession, "iam:CreateAccessKey", UserArn(ManagedPath, "carol"), MemberPolicies(),
            context: new Dictionary<string, string> { [$"iam:ResourceTag/{ManagedTagKey}"] = "false" }));

    [IamSimulateFact]
    public void MemberRole_DefaultScope_EveryUser_Allowed()
    {
        var defaults = MemberParameters();
        defaults.Remove("ManagedUserPath");
        defaults.Remove("ManagedUserTagKey");
        defaults.Remove("ManagedUserTagValue");
        var policies = IdentityPolicies(Member(defaults), "MemberRole");

        Assert.Equal("Allowed", Decide(MemberSession, "iam:CreateAccessKey", UserArn("/admins/", "break-glass"), policies));
        Assert.Equal("Allowed", Decide(MemberSession, "iam:CreateAccessKey", UserArn("/", "dave"), policies));
    }

    [IamSimulateFact]
    public void MemberRole_Discovery_EveryUser_Allowed()
    {
        Assert.Equal("Allowed", Decide(MemberSession, "iam:ListAccessKeys", UserArn("/admins/", "break-glass"), MemberPolicies()));
        Assert.Equal("Allowed", Decide(MemberSession, "iam:GetAccountAuthorizationDetails", "*", MemberPolicies(), resourceAccount: MemberAccount));
    }

    [IamSimulateTheory]
    [InlineData("iam:CreateAccessKey")]
    [InlineData("iam:UpdateAccessKey")]
    [InlineData("iam:DeleteAccessKey")]
    public void OperatorRole_KeyChange_Denied(string action) =>
        Assert.Equal("ImplicitlyDenied", Decide(OperatorSession, action, UserArn(ManagedPath, "alice"), OperatorPolicies(), context: Tagged));

    [IamSimulateTheory]
    [InlineData("secretsmanager:GetSecretValue")]
    [InlineData("secretsmanager:PutSecretValue")]
    [InlineData("secretsmanager:CreateSecret")]
    [InlineData("secretsmanager:PutResourcePolicy")]
    public void OperatorRole_SecretReadOrWrite_Denied(string action) =>
        Assert.Equal("ImplicitlyDenied", Decide(OperatorSession, action, SecretArn("alice"), OperatorPolicies()));

    [IamSimulateTheory]
    [InlineData("iam:ListUsers")]
    [InlineData("iam:GetUser")]
    [InlineData("iam:ListAccessKeys")]
    [InlineData("iam:ListUserTags")]
    [InlineData("iam:GetAccessKeyLastUsed")]
    public void OperatorRole_ReadsUsers_Allowed(string action) =>
        Assert.Equal("Allowed", action == "iam:ListUsers"
            ? Decide(OperatorSession, action, "*", OperatorPolicies(), resourceAccount: MemberAccount) // no resource type
            : Decide(OperatorSession, action, UserArn("/", "dave"), OperatorPolicies()));

    [IamSimulateFact]
    public void OperatorRole_SeesSecretNames_Allowed() =>
        Assert.Equal("Allowed", Decide(OperatorSession, "secretsmanager:DescribeSecret", SecretArn("alice"), OperatorPolicies()));

    private static JsonArray MemberPolicies() => IdentityPolicies(Member(), "MemberRole");

    private static JsonArray OperatorPolicies() => IdentityPolicies(Member(), "OperatorRole");
}
