using System.Text.Json.Nodes;
using KeyRotation.Lambda.Tests.Templates;
using static KeyRotation.Lambda.Tests.Security.PolicyWorld;

namespace KeyRotation.Lambda.Tests.Security;

/// <summary>
/// The fan-out bucket (ExecutionMode=StepFunctions, cloudformation/key-rotation.yaml), decided by an independent IAM
/// evaluator from the template: the function writes a run's items and reads the map's results under runs/ and
/// nothing else of that bucket or any other; the state machine reads the items (ItemReader) and writes the results
/// (ResultWriter) there; nobody reaches the bucket without TLS.
/// </summary>
public sealed class FanOutBucketPermissionTests
{
    private const string Bucket = "key-rotation-fanoutbucket-example";
    private const string StateMachineSession =
        "arn:aws:sts::111111111111:assumed-role/key-rotation-StateMachineRole-EXAMPLE/states-session";

    private static string Object(string key, string bucket = Bucket) => $"arn:aws:s3:::{bucket}/{key}";

    [IamSimulateTheory]
    [InlineData("s3:PutObject", "runs/exec-1/targets.json")]
    [InlineData("s3:GetObject", "runs/exec-1/results/c5b2e5d3/manifest.json")]
    [InlineData("s3:GetObject", "runs/exec-1/results/c5b2e5d3/SUCCEEDED_0.json")]
    public void FunctionRole_RunsItemsAndResults_Allowed(string action, string key) =>
        Assert.Equal("Allowed", Decide(CentralSession, action, Object(key), FunctionPolicies(), resourceAccount: CentralAccount));

    /// <summary>
    /// Only what list-targets and summarize do: the function cannot read back or delete items, forge results, reach
    /// keys outside runs/, or another bucket's runs/.
    /// </summary>
    [IamSimulateTheory]
    [InlineData("s3:GetObject", "runs/exec-1/targets.json", Bucket)]
    [InlineData("s3:PutObject", "runs/exec-1/results/c5b2e5d3/SUCCEEDED_0.json", Bucket)]
    [InlineData("s3:GetObject", "other/report.json", Bucket)]
    [InlineData("s3:PutObject", "other/targets.json", Bucket)]
    [InlineData("s3:DeleteObject", "runs/exec-1/targets.json", Bucket)]
    [InlineData("s3:GetObject", "runs/exec-1/results/c5b2e5d3/manifest.json", "someone-elses-bucket")]
    [InlineData("s3:PutObject", "runs/exec-1/targets.json", "someone-elses-bucket")]
    public void FunctionRole_OtherKeysOrBuckets_Denied(string action, string key, string bucket) =>
        Assert.Equal("ImplicitlyDenied", Decide(CentralSession, action, Object(key, bucket), FunctionPolicies(), resourceAccount: CentralAccount));

    [IamSimulateFact]
    public void FunctionRole_SingleFunctionMode_NoFanOutBucketAccess()
    {
        var central = Central(Mode("SingleFunction"));

        Assert.False(central.Deploys("FanOutBucket"));
        Assert.Equal("ImplicitlyDenied", Decide(CentralSession, "s3:PutObject", Object("runs/exec-1/targets.json"),
            IdentityPolicies(central, "FunctionRole"), resourceAccount: CentralAccount));
    }

    [IamSimulateTheory]
    [InlineData("s3:GetObject", "runs/exec-1/targets.json")]
    [InlineData("s3:PutObject", "runs/exec-1/results/c5b2e5d3/manifest.json")]
    [InlineData("s3:PutObject", "runs/exec-1/results/c5b2e5d3/SUCCEEDED_0.json")]
    [InlineData("s3:AbortMultipartUpload", "runs/exec-1/results/c5b2e5d3/SUCCEEDED_0.json")]
    public void StateMachineRole_ItemReaderAndResultWriter_Allowed(string action, string key) =>
        Assert.Equal("Allowed", Decide(StateMachineSession, action, Object(key), StateMachinePolicies(), resourceAccount: CentralAccount));

    [IamSimulateTheory]
    [InlineData("s3:PutObject", "runs/exec-1/targets.json", Bucket)]
    [InlineData("s3:GetObject", "other/report.json", Bucket)]
    [InlineData("s3:GetObject", "runs/exec-1/targets.json", "someone-elses-bucket")]
    public void StateMachineRole_OtherKeysOrBuckets_Denied(string action, string key, string bucket) =>
        Assert.Equal("ImplicitlyDenied", Decide(StateMachineSession, action, Object(key, bucket), StateMachinePolicies(), resourceAccount: CentralAccount));

    [IamSimulateFact]
    public void BucketPolicy_WithoutTls_DeniedEvenToTheFunction() =>
        Assert.Equal("ExplicitlyDenied", Decide(CentralSession, "s3:PutObject", Object("runs/exec-1/targets.json"), FunctionPolicies(),
            BucketPolicy(), new Dictionary<string, string> { ["aws:SecureTransport"] = "false" }, resourceAccount: CentralAccount));

    [IamSimulateFact]
    public void BucketPolicy_WithTls_LeavesTheFunctionsGrant() =>
        Assert.Equal("Allowed", Decide(CentralSession, "s3:PutObject", Object("runs/exec-1/targets.json"), FunctionPolicies(),
            BucketPolicy(), resourceAccount: CentralAccount));

    private static Dictionary<string, string> Mode(string mode)
    {
        var parameters = CentralParameters();
        parameters["ExecutionMode"] = mode;
        return parameters;
    }

    private static CfnResolver FanOutCentral()
    {
        var central = Central(Mode("StepFunctions"));
        Assert.True(central.Deploys("FanOutBucket"));
        return central;
    }

    private static JsonArray FunctionPolicies() => IdentityPolicies(FanOutCentral(), "FunctionRole");

    private static JsonArray StateMachinePolicies() => IdentityPolicies(FanOutCentral(), "StateMachineRole");

    private static JsonNode BucketPolicy() => FanOutCentral().Properties("FanOutBucketPolicy")["PolicyDocument"]!.DeepClone();
}
