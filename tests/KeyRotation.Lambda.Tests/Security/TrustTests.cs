using System.Text.Json.Nodes;
using static KeyRotation.Lambda.Tests.Security.PolicyWorld;

namespace KeyRotation.Lambda.Tests.Security;

/// <summary>
/// Who may become the member role and the operator role: the central role's own policy (cloudformation/key-rotation.yaml)
/// and the roles' trust policies (stacksets/member-role.yaml), decided together by an independent IAM evaluator as a
/// cross-account sts:AssumeRole.
/// </summary>
public sealed class TrustTests
{
    private const string AssumeRole = "sts:AssumeRole";

    [IamSimulateFact]
    public void CentralRole_AssumesMemberRole_FromTheFunctionInsideTheOrganization_Allowed() =>
        Assert.Equal("Allowed", Decide(CentralSession, AssumeRole, MemberRoleArn, CentralPolicies(), MemberTrust(), FromFunction()));

    [IamSimulateFact]
    public void CentralRole_AssumesARoleOutsideTheOrganization_Denied()
    {
        var outside = FromFunction();
        outside["aws:ResourceOrgID"] = OtherOrganization;

        // The account outside writes whatever trust it likes; the central role's own policy is what stops it.
        Assert.Equal("ImplicitlyDenied", Decide(CentralSession, AssumeRole, "arn:aws:iam::999999999999:role/KeyRotationMemberRole",
            CentralPolicies(), AnyoneMayAssume(), outside));
    }

    [IamSimulateFact]
    public void CentralRole_CredentialsUsedOutsideTheFunction_Denied()
    {
        var elsewhere = FromFunction();
        elsewhere.Remove("lambda:SourceFunctionArn");

        Assert.Equal("ImplicitlyDenied", Decide(CentralSession, AssumeRole, MemberRoleArn, CentralPolicies(), MemberTrust(), elsewhere));
    }

    [IamSimulateFact]
    public void CentralRole_FromAnotherFunction_Denied()
    {
        var otherFunction = FromFunction();
        otherFunction["lambda:SourceFunctionArn"] = "arn:aws:lambda:eu-west-1:111111111111:function:someone-elses";

        Assert.Equal("ImplicitlyDenied", Decide(CentralSession, AssumeRole, MemberRoleArn, CentralPolicies(), MemberTrust(), otherFunction));
    }

    [IamSimulateFact]
    public void MemberTrust_CallerFromAnotherOrganization_Denied()
    {
        // The trust on its own (the caller's policy allows anything): a central account that left the organization.
        var anything = Identity("Anything", Allow(AssumeRole), Allow("sts:SetSourceIdentity"));

        Assert.Equal("Allowed", Decide(CentralSession, AssumeRole, MemberRoleArn, anything, MemberTrust(), FromFunction()));
        Assert.Equal("ImplicitlyDenied", Decide(CentralSession, AssumeRole, MemberRoleArn, anything, MemberTrust(), FromFunction(),
            principalOrganization: OtherOrganization));
    }

    [IamSimulateFact]
    public void MemberTrust_WrongExternalId_Denied()
    {
        var wrong = FromFunction();
        wrong["sts:ExternalId"] = "guessed";

        Assert.Equal("ImplicitlyDenied", Decide(CentralSession, AssumeRole, MemberRoleArn, CentralPolicies(), MemberTrust(), wrong));
    }

    [IamSimulateFact]
    public void MemberTrust_AnotherRoleOfTheCentralAccount_Denied() =>
        Assert.Equal("ImplicitlyDenied", Decide("arn:aws:sts::111111111111:assumed-role/Admin/eve", AssumeRole, MemberRoleArn,
            Identity("Admin", Allow("sts:*")), MemberTrust(), FromFunction()));

    [IamSimulateFact]
    public void OperatorTrust_TheOperatorInsideTheOrganization_Allowed_AndNobodyElse()
    {
        var operatorSession = "arn:aws:sts::111111111111:assumed-role/key-rotation-operator/alice";
        var operatorPolicy = Identity("Operator", Allow(AssumeRole, "arn:aws:iam::*:role/KeyRotationOperatorRole"));
        var context = new Dictionary<string, string> { ["sts:ExternalId"] = ExternalId };

        Assert.Equal("Allowed", Decide(operatorSession, AssumeRole, OperatorRoleArn, operatorPolicy, OperatorTrust(), context));
        Assert.Equal("ImplicitlyDenied", Decide(operatorSession, AssumeRole, OperatorRoleArn, operatorPolicy, OperatorTrust(), context,
            principalOrganization: OtherOrganization));
        Assert.Equal("ImplicitlyDenied", Decide(operatorSession, AssumeRole, MemberRoleArn, operatorPolicy, MemberTrust(), context));
    }

    private static JsonArray CentralPolicies() => IdentityPolicies(Central(), "FunctionRole");

    private static JsonNode MemberTrust() => Trust(Member(), "MemberRole");

    private static JsonNode OperatorTrust() => Trust(Member(), "OperatorRole");

    private static JsonObject AnyoneMayAssume() => Policy(new JsonObject
    {
        ["Effect"] = "Allow",
        ["Principal"] = new JsonObject { ["AWS"] = "*" },
        ["Action"] = new JsonArray(AssumeRole, "sts:SetSourceIdentity"),
    });

    /// <summary>What AWS puts in the context of the function's own sts:AssumeRole into a member account.</summary>
    private static Dictionary<string, string> FromFunction() => new()
    {
        ["lambda:SourceFunctionArn"] = FunctionArn,
        ["aws:ResourceOrgID"] = Organization,
        ["sts:ExternalId"] = ExternalId,
    };
}
