using System.Text.Json.Nodes;
using static KeyRotation.Lambda.Tests.Security.PolicyWorld;

namespace KeyRotation.Lambda.Tests.Security;

/// <summary>
/// The Organizations turns table (ExecutionMode=StepFunctions, cloudformation/key-rotation.yaml), decided by an
/// independent IAM evaluator from the template: the function may UpdateItem that table and nothing else of it, and the
/// grant reaches no other table, the audit table least of all.
/// </summary>
public sealed class OrganizationsTurnsPermissionTests
{
    private const string TurnsTable = "arn:aws:dynamodb:eu-west-1:111111111111:table/key-rotation-OrganizationsTurnsTable-EXAMPLE";
    private const string AuditTable = "arn:aws:dynamodb:eu-west-1:111111111111:table/key-rotation-AuditTable-EXAMPLE";

    [IamSimulateFact]
    public void FunctionRole_UpdateItemOnTheTurnsTable_Allowed() =>
        Assert.Equal("Allowed", Decide(CentralSession, "dynamodb:UpdateItem", TurnsTable, FunctionPolicies(), resourceAccount: CentralAccount));

    /// <summary>Each call is one conditional UpdateItem: nothing reads the number, lists the table or removes it.</summary>
    [IamSimulateTheory]
    [InlineData("dynamodb:GetItem")]
    [InlineData("dynamodb:Query")]
    [InlineData("dynamodb:Scan")]
    [InlineData("dynamodb:PutItem")]
    [InlineData("dynamodb:DeleteItem")]
    [InlineData("dynamodb:BatchWriteItem")]
    [InlineData("dynamodb:DescribeTable")]
    [InlineData("dynamodb:DeleteTable")]
    [InlineData("dynamodb:UpdateTable")]
    public void FunctionRole_AnythingButUpdateItemOnTheTurnsTable_Denied(string action) =>
        Assert.Equal("ImplicitlyDenied", Decide(CentralSession, action, TurnsTable, FunctionPolicies(), resourceAccount: CentralAccount));

    /// <summary>The turns grant adds nothing on the audit table: it still may only add events (PutItem), never change or remove one.</summary>
    [IamSimulateTheory]
    [InlineData("dynamodb:UpdateItem", "ImplicitlyDenied")]
    [InlineData("dynamodb:DeleteItem", "ImplicitlyDenied")]
    [InlineData("dynamodb:PutItem", "Allowed")]
    public void FunctionRole_AuditTable_OnlyWhatItHadBefore(string action, string decision) =>
        Assert.Equal(decision, Decide(CentralSession, action, AuditTable, FunctionPolicies(), resourceAccount: CentralAccount));

    [IamSimulateFact]
    public void FunctionRole_UpdateItemOnAnotherTable_Denied() =>
        Assert.Equal("ImplicitlyDenied", Decide(CentralSession, "dynamodb:UpdateItem",
            "arn:aws:dynamodb:eu-west-1:111111111111:table/someone-elses-table", FunctionPolicies(), resourceAccount: CentralAccount));

    [IamSimulateFact]
    public void FunctionRole_SingleFunctionMode_NoTurnsTableOrGrant()
    {
        var parameters = CentralParameters();
        parameters["ExecutionMode"] = "SingleFunction";
        var central = Central(parameters);

        Assert.False(central.Deploys("OrganizationsTurnsTable"));
        Assert.Equal("ImplicitlyDenied", Decide(CentralSession, "dynamodb:UpdateItem", TurnsTable,
            IdentityPolicies(central, "FunctionRole"), resourceAccount: CentralAccount));
    }

    private static JsonArray FunctionPolicies()
    {
        var parameters = CentralParameters();
        parameters["ExecutionMode"] = "StepFunctions";
        var central = Central(parameters);
        Assert.True(central.Deploys("OrganizationsTurnsTable"));
        return IdentityPolicies(central, "FunctionRole");
    }
}
