using System.Text.Json.Nodes;
using KeyRotation.Lambda.Tests.Templates;
using static KeyRotation.Lambda.Tests.Security.PolicyWorld;

namespace KeyRotation.Lambda.Tests.Security;

/// <summary>
/// The incident-response permissions (issue #15), decided by an independent IAM evaluator from the templates: the
/// central function role finds a key's account (IncidentKeyLookup, ReadOrganization in cloudformation/key-rotation.yaml);
/// the member role revokes and restores only managed users' keys (stacksets/member-role.yaml); the read-only operator
/// role cannot; each member account's forwarding role reaches only the central incident bus, and that bus accepts
/// events only from the organization (ExposedKeyRule=Enabled, OrganizationId, CentralEventBusArn).
/// </summary>
public sealed class IncidentPermissionTests
{
    private const string PutEvents = "events:PutEvents";
    private const string UpdateAccessKey = "iam:UpdateAccessKey";

    /// <summary>The role CloudFormation names for the StackSet's ExposedKeyForwardRole, as EventBridge assumes it.</summary>
    private const string ForwardSession =
        "arn:aws:sts::222222222222:assumed-role/StackSet-key-rotation-member-role-EXAMPLE-ExposedKeyForwardRole-EXAMPLE/events";

    private const string OutsiderSession = "arn:aws:sts::999999999999:assumed-role/Admin/mallory";

    private static readonly Dictionary<string, string> Tagged = new() { [$"iam:ResourceTag/{ManagedTagKey}"] = ManagedTagValue };

    private static readonly string MemberAccountInOrganization =
        $"arn:aws:organizations::{CentralAccount}:account/{Organization}/{MemberAccount}";

    [IamSimulateFact]
    public void CentralRole_GetAccessKeyInfo_Allowed() =>
        Assert.Equal("Allowed", Decide(CentralSession, "sts:GetAccessKeyInfo", "*", CentralPolicies(), resourceAccount: CentralAccount));

    [IamSimulateTheory]
    [InlineData("organizations:DescribeAccount")]
    [InlineData("organizations:ListParents")]
    public void CentralRole_ChecksTheKeysAccountInTheOrganization_Allowed(string action) =>
        Assert.Equal("Allowed", Decide(CentralSession, action, MemberAccountInOrganization, CentralPolicies()));

    [IamSimulateFact]
    public void MemberRole_FindsTheKeysUser_AnyUser_Allowed() =>
        Assert.Equal("Allowed", Decide(MemberSession, "iam:GetAccessKeyLastUsed", UserArn("/admins/", "break-glass"), MemberPolicies()));

    [IamSimulateFact]
    public void MemberRole_RevokeOrRestore_ManagedUserWithTag_Allowed() =>
        Assert.Equal("Allowed", Decide(MemberSession, UpdateAccessKey, UserArn(ManagedPath, "alice"), MemberPolicies(), context: Tagged));

    [IamSimulateFact]
    public void MemberRole_RevokeOrRestore_UnmanagedUserWithManagedUserPathSet_Denied()
    {
        Assert.Equal(ManagedPath, MemberParameters()["ManagedUserPath"]);

        // Even carrying the managed tag, a user outside the managed path is out of the role's reach.
        Assert.Equal("ImplicitlyDenied", Decide(MemberSession, UpdateAccessKey, UserArn("/admins/", "break-glass"), MemberPolicies(), context: Tagged));
    }

    [IamSimulateFact]
    public void OperatorRole_RevokeOrRestore_Denied() =>
        Assert.Equal("ImplicitlyDenied", Decide(OperatorSession, UpdateAccessKey, UserArn(ManagedPath, "alice"), OperatorPolicies(), context: Tagged));

    [IamSimulateFact]
    public void ForwardRole_PutEventsToTheCentralIncidentBus_Allowed() =>
        Assert.Equal("Allowed", Decide(ForwardSession, PutEvents, IncidentBusArn, ForwardPolicies(), IncidentBusPolicy()));

    [IamSimulateFact]
    public void ForwardRole_PutEventsToAnotherBus_Denied()
    {
        // Its own account's default bus (no resource policy needed), and a bus outside that accepts anyone's events:
        // the forwarding role's own policy is what stops both.
        Assert.Equal("ImplicitlyDenied", Decide(ForwardSession, PutEvents, $"arn:aws:events:{Region}:{MemberAccount}:event-bus/default",
            ForwardPolicies()));
        Assert.Equal("ImplicitlyDenied", Decide(ForwardSession, PutEvents, $"arn:aws:events:{Region}:999999999999:event-bus/collector",
            ForwardPolicies(), AnyoneMayPutEvents("arn:aws:events:eu-west-1:999999999999:event-bus/collector")));
    }

    [IamSimulateFact]
    public void IncidentBus_PutEventsFromAPrincipalOfTheOrganization_Allowed() =>
        Assert.Equal("Allowed", Decide("arn:aws:sts::222222222222:assumed-role/Admin/bob", PutEvents, IncidentBusArn,
            Identity("EventBridgeFullAccess", Allow("events:*")), IncidentBusPolicy()));

    [IamSimulateFact]
    public void IncidentBus_PutEventsFromOutsideTheOrganization_Denied() =>
        Assert.Equal("ImplicitlyDenied", Decide(OutsiderSession, PutEvents, IncidentBusArn,
            Identity("EventBridgeFullAccess", Allow("events:*")), IncidentBusPolicy(), principalOrganization: OtherOrganization));

    [IamSimulateFact]
    public void IncidentBus_OrganizationIdLeftEmpty_Denied()
    {
        // CloudFormation refuses ExposedKeyRule=Enabled without OrganizationId (rule ExposedKeyRuleNeedsOrganization);
        // and were the rule bypassed, the bus must still fail closed (nobody may put events), never open to every account.
        var parameters = CentralParameters();
        parameters["ExposedKeyRule"] = "Enabled";
        Assert.Contains(Central(parameters).BrokenRules(), r => r.StartsWith("ExposedKeyRule=Enabled needs OrganizationId", StringComparison.Ordinal));
        var busPolicy = Policy(Central(parameters).Properties("IncidentEventBusPolicy")["Statement"]!.DeepClone().AsObject());
        var anyEvents = Identity("EventBridgeFullAccess", Allow("events:*"));

        Assert.Equal("ImplicitlyDenied", Decide(ForwardSession, PutEvents, IncidentBusArn, ForwardPolicies(), busPolicy));
        Assert.Equal("ImplicitlyDenied", Decide(OutsiderSession, PutEvents, IncidentBusArn, anyEvents, busPolicy,
            principalOrganization: OtherOrganization));
    }

    /// <summary>The central stack with the exposed-key rule on, as the incident README section deploys it.</summary>
    private static CfnResolver IncidentCentral()
    {
        var parameters = CentralParameters();
        parameters["ExposedKeyRule"] = "Enabled";
        parameters["OrganizationId"] = Organization;
        var central = Central(parameters);
        Assert.Empty(central.BrokenRules());
        return central;
    }

    /// <summary>The member StackSet forwarding to the central stack's IncidentEventBusArn output.</summary>
    private static CfnResolver ForwardingMember()
    {
        var parameters = MemberParameters();
        parameters["CentralEventBusArn"] = IncidentBusArn;
        return Member(parameters);
    }

    private static JsonArray CentralPolicies() => IdentityPolicies(IncidentCentral(), "FunctionRole");

    private static JsonArray MemberPolicies() => IdentityPolicies(ForwardingMember(), "MemberRole");

    private static JsonArray OperatorPolicies() => IdentityPolicies(ForwardingMember(), "OperatorRole");

    private static JsonArray ForwardPolicies() => IdentityPolicies(ForwardingMember(), "ExposedKeyForwardRole");

    /// <summary>AWS::Events::EventBusPolicy carries one statement; the bus's policy is a document holding it.</summary>
    private static JsonObject IncidentBusPolicy() =>
        Policy(IncidentCentral().Properties("IncidentEventBusPolicy")["Statement"]!.DeepClone().AsObject());

    private static JsonObject AnyoneMayPutEvents(string bus) => Policy(new JsonObject
    {
        ["Effect"] = "Allow",
        ["Principal"] = new JsonObject { ["AWS"] = "*" },
        ["Action"] = PutEvents,
        ["Resource"] = bus,
    });
}
