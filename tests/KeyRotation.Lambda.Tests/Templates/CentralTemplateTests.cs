using System.Reflection;
using KeyRotation.Aws.Pacing;
using KeyRotation.Core.Policy;
using KeyRotation.Engine.Settings;
using KeyRotation.Lambda.Configuration;
using KeyRotation.Lambda.Events;
using KeyRotation.Lambda.Logging;
using KeyRotation.Lambda.Tests.Configuration;
using KeyRotation.Lambda.Tests.Support;
using KeyRotation.Testing;
using static KeyRotation.Lambda.Tests.Templates.CfnTemplate;

namespace KeyRotation.Lambda.Tests.Templates;

public sealed class CentralTemplateTests
{
    private static Dictionary<string, object?> Properties(string resource) =>
        (Dictionary<string, object?>)Path(Templates.Central.Resource(resource), "Properties")!;

    /// <summary>
    /// Variables the template sets for the security settings of issue #11, which the host reads once the sec-code
    /// branch is merged (it declares them in EnvironmentVariables); until then they are the only ones allowed extra.
    /// Remove this list once they are declared.
    /// </summary>
    [Fact]
    public void Function_Environment_SetsExactlyTheVariablesTheHostReads()
    {
        var variables = (Dictionary<string, object?>)Path(Properties("Function"), "Environment", "Variables")!;

        Assert.Equal(HostSettingsReaderTests.AllVariables.Order(), variables.Keys.Order());
    }

    [Fact]
    public void ParameterDefaults_MakeAValidHostConfigurationWithThePolicyDefaults()
    {
        var settings = HostSettingsReader.Read(new FakeEnvironment(EnvironmentFromDefaults()));

        Assert.Equal(RotationPolicy.Default, settings.Policy);
        Assert.True(settings.DryRun);
        Assert.Equal(new HostSettings { MemberRoleName = "", ExternalId = new(""), TopicArn = "", AuditTableName = "", DryRun = true }
            .MaxAccountsInFlight, settings.MaxAccountsInFlight);
    }

    [Fact]
    public void Parameters_AllowedValues_AreWhatTheHostAccepts()
    {
        Assert.Equal(RotationSettings.SecretDelivery.Spellings.Split('|'), Strings(Path(Templates.Central.Parameters, "SecretDelivery", "AllowedValues")));
        Assert.Equal(RotationSettings.Preset.Spellings.Split('|'), Strings(Path(Templates.Central.Parameters, "Preset", "AllowedValues")));
        foreach (var level in Strings(Path(Templates.Central.Parameters, "LogLevel", "AllowedValues")))
        {
            HostSettingsReader.Read(FakeEnvironment.With((EnvironmentVariables.LogLevel, level)));
        }
    }

    /// <summary>The engine states each default once; the template's parameters and docs/deploy.md say the same.</summary>
    [Fact]
    public void Parameters_PresetAndDeliveryDefaults_AreTheEnginesInTemplateAndDocs()
    {
        var preset = RotationSettings.Preset.Spell(RotationPolicy.Default);
        var delivery = RotationSettings.SecretDelivery.Spell(RotationPolicy.Default.SecretDelivery);
        var docs = File.ReadAllText(RepositoryRoot.File("docs", "deploy.md"));

        Assert.Equal(preset, Path(Templates.Central.Parameters, "Preset", "Default"));
        Assert.Equal(delivery, Path(Templates.Central.Parameters, "SecretDelivery", "Default"));
        Assert.Contains($"| `Preset` | `{preset}` |", docs, StringComparison.Ordinal);
        Assert.Contains($"| `SecretDelivery` | `{delivery}` |", docs, StringComparison.Ordinal);
    }

    [Fact]
    public void Function_IsTheAotBootstrapOnAmazonLinux2023()
    {
        var function = Properties("Function");

        Assert.Equal("provided.al2023", function["Runtime"]);
        Assert.Equal(["x86_64"], Strings(function["Architectures"]));
        Assert.Equal("bootstrap", function["Handler"]);
        Assert.Equal("CodeBucket", Path(function, "Code", "S3Bucket", "Ref"));
        Assert.Equal("CodeKey", Path(function, "Code", "S3Key", "Ref"));
        Assert.Equal("DeadLetterQueue", Path(function, "DeadLetterConfig", "TargetArn", "Fn::GetAtt", 0));
        Assert.Equal("FunctionLogGroup", Path(function, "LoggingConfig", "LogGroup", "Ref"));
        Assert.Equal("Key", Path(function, "KmsKeyArn", "Fn::GetAtt", 0));
    }

    [Fact]
    public void AuditTable_IsProtectedAndEncryptedWithTheKey()
    {
        var table = Templates.Central.Resource("AuditTable");
        var properties = Properties("AuditTable");

        Assert.Equal("PAY_PER_REQUEST", properties["BillingMode"]);
        Assert.Equal("true", Path(properties, "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"));
        Assert.Equal("true", properties["DeletionProtectionEnabled"]);
        Assert.Equal("true", Path(properties, "SSESpecification", "SSEEnabled"));
        Assert.Equal("KMS", Path(properties, "SSESpecification", "SSEType"));
        Assert.Equal("Key", Path(properties, "SSESpecification", "KMSMasterKeyId", "Ref"));
        Assert.Equal("Retain", table["DeletionPolicy"]);
        Assert.Equal("Retain", table["UpdateReplacePolicy"]);
    }

    [Fact]
    public void AuditTable_KeysAndIndexesAreTheStoresNames()
    {
        var properties = Properties("AuditTable");

        Assert.Equal(["pk:HASH", "sk:RANGE"], KeySchema(properties["KeySchema"]));
        var indexes = ((List<object?>)properties["GlobalSecondaryIndexes"]!).Cast<Dictionary<string, object?>>()
            .ToDictionary(i => (string)i["IndexName"]!, i => $"{string.Join(' ', KeySchema(i["KeySchema"]))} {Path(i, "Projection", "ProjectionType")}");
        Assert.Equal(["byAccessKey", "byDay", "byRun", "byUser"], indexes.Keys.Order());
        Assert.Equal("runId:HASH sk:RANGE ALL", indexes["byRun"]);
        Assert.Equal("accessKeyId:HASH sk:RANGE ALL", indexes["byAccessKey"]);
        Assert.Equal("userKey:HASH sk:RANGE ALL", indexes["byUser"]);
        Assert.Equal("day:HASH sk:RANGE ALL", indexes["byDay"]);
        var defined = ((List<object?>)properties["AttributeDefinitions"]!).Cast<Dictionary<string, object?>>()
            .Select(a => $"{a["AttributeName"]}:{a["AttributeType"]}");
        Assert.Equal(["accessKeyId:S", "day:S", "pk:S", "runId:S", "sk:S", "userKey:S"], defined.Order());
    }

    [Fact]
    public void TopicQueueLogsAndKey_AreEncryptedAndTheKeyRotates()
    {
        Assert.Equal("Key", Path(Properties("Topic"), "KmsMasterKeyId", "Ref"));
        Assert.Equal("Key", Path(Properties("DeadLetterQueue"), "KmsMasterKeyId", "Ref"));
        Assert.Equal("Key", Path(Properties("FunctionLogGroup"), "KmsKeyId", "Fn::GetAtt", 0));
        Assert.Equal("LogRetentionDays", Path(Properties("FunctionLogGroup"), "RetentionInDays", "Ref"));
        Assert.Equal("true", Properties("Key")["EnableKeyRotation"]);
    }

    [Fact]
    public void Schedule_TargetsFunctionOrStateMachineByExecutionMode()
    {
        var schedule = Properties("Schedule");
        var target = (List<object?>)Path(schedule, "Target", "Fn::If")!;

        Assert.Equal("ScheduleExpression", Path(schedule, "ScheduleExpression", "Ref"));
        Assert.Equal("cron(0 12 * * ? *)", Path(Templates.Central.Parameters, "ScheduleExpression", "Default"));
        Assert.Equal("UseStepFunctions", target[0]);
        Assert.Equal("StateMachine", Path(target[1], "Arn", "Ref"));
        Assert.Equal("Function", Path(target[2], "Arn", "Fn::GetAtt", 0));
        Assert.Equal(["Fn::Equals"], ((Dictionary<string, object?>)Templates.Central.Conditions["UseStepFunctions"]!).Keys);
        Assert.Equal("StepFunctions", Path(Templates.Central.Conditions, "UseStepFunctions", "Fn::Equals", 1));
    }

    [Fact]
    public void Schedule_FunctionInput_IsASweepForTheHost()
    {
        var target = (List<object?>)Path(Properties("Schedule"), "Target", "Fn::If")!;
        var input = (string)Path(target[2], "Input")!;

        var request = System.Text.Json.JsonSerializer.Deserialize(input, LambdaJsonContext.Default.InvocationRequest)!;

        Assert.Equal(EventModes.Sweep, InvocationDispatcher.ModeOf(request));
    }

    [Fact]
    public void ReportSchedule_ReportBucketSet_MonthlyReportModeInvocationAndPutUnderPostureOnly()
    {
        var schedule = Templates.Central.Resource("ReportSchedule");
        var properties = (Dictionary<string, object?>)schedule["Properties"]!;
        var input = (string)Path(properties, "Target", "Input")!;
        var request = System.Text.Json.JsonSerializer.Deserialize(input, LambdaJsonContext.Default.InvocationRequest)!;

        Assert.Equal("HasReportBucket", schedule["Condition"]);
        Assert.Equal("HasReportBucket", Templates.Central.Resource("ReportSchedulerRole")["Condition"]);
        Assert.Equal("cron(0 6 1 * ? *)", properties["ScheduleExpression"]);
        Assert.Equal(EventModes.Report, InvocationDispatcher.ModeOf(request));
        Assert.Equal("Function", Path(properties, "Target", "Arn", "Fn::GetAtt", 0));
        Assert.Equal("", Path(Templates.Central.Parameters, "ReportBucketName", "Default"));
        Assert.Equal("ReportBucketName", Path(Properties("Function"), "Environment", "Variables", EnvironmentVariables.ReportBucket, "Ref"));

        var put = Policies.Statements(Templates.Central.Resource("FunctionRole")).Single(s => (s.GetValueOrDefault("Sid") as string) == "WritePostureReports");
        Assert.Equal("s3:PutObject", put["Action"]);
        Assert.Equal("arn:${AWS::Partition}:s3:::${ReportBucketName}/posture/*", Path(put, "Resource", "Fn::Sub"));
    }

    [Fact]
    public void MetricFilters_WatchEventsTheHostLogs()
    {
        var logged = typeof(HostLog).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet();

        Assert.Equal(3, MetricFilters.All.Count);
        Assert.All(MetricFilters.All, f => Assert.Contains(f.EventName, logged));
    }

    [Fact]
    public void StepFunctionsResources_ExistOnlyInStepFunctionsMode()
    {
        foreach (var name in new[] { "StateMachine", "StateMachineRole", "StateMachineFailedAlarm", "FanOutBucket", "FanOutBucketPolicy", "OrganizationsTurnsTable" })
        {
            Assert.Equal("UseStepFunctions", Templates.Central.Resource(name)["Condition"]);
        }

        Assert.Equal(["SingleFunction", "StepFunctions"], Strings(Path(Templates.Central.Parameters, "ExecutionMode", "AllowedValues")));
    }

    /// <summary>
    /// The fan-out bucket holds account names and OU paths: private (public access blocked, owner-enforced), encrypted,
    /// TLS only, and each run's objects expire after 30 days; the function is told its name only in StepFunctions mode.
    /// </summary>
    [Fact]
    public void FanOutBucket_StepFunctionsOnly_PrivateEncryptedTlsOnlyAndExpiring()
    {
        var properties = Properties("FanOutBucket");

        Assert.Equal("UseStepFunctions", Templates.Central.Resource("FanOutBucket")["Condition"]);
        Assert.Equal("UseStepFunctions", Templates.Central.Resource("FanOutBucketPolicy")["Condition"]);
        foreach (var setting in new[] { "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets" })
        {
            Assert.Equal("true", Path(properties, "PublicAccessBlockConfiguration", setting));
        }

        Assert.Equal("BucketOwnerEnforced", Path(properties, "OwnershipControls", "Rules", 0, "ObjectOwnership"));
        Assert.Equal("AES256", Path(properties, "BucketEncryption", "ServerSideEncryptionConfiguration", 0, "ServerSideEncryptionByDefault", "SSEAlgorithm"));
        var expiry = Path(properties, "LifecycleConfiguration", "Rules", 0);
        Assert.Equal(("Enabled", FanOutObjects.Root, "30"), (Path(expiry, "Status"), Path(expiry, "Prefix"), Path(expiry, "ExpirationInDays")));
        var tls = Policies.Statements(Path(Properties("FanOutBucketPolicy"), "PolicyDocument")).Single();
        Assert.Equal(("Deny", "*", "false"), (Path(tls, "Effect"), Path(tls, "Principal"), Path(tls, "Condition", "Bool", "aws:SecureTransport")));
        var variable = Path(Properties("Function"), "Environment", "Variables", EnvironmentVariables.FanOutBucket, "Fn::If");
        Assert.Equal("UseStepFunctions", Path(variable, 0));
        Assert.Equal("FanOutBucket", Path(variable, 1, "Ref"));
        Assert.Equal("", Path(variable, 2));
    }

    /// <summary>
    /// The Organizations turns table: the adapter's key (one item), on demand, encrypted; deleted with the stack because
    /// it holds no record; the function is told its name only in StepFunctions mode.
    /// </summary>
    [Fact]
    public void OrganizationsTurnsTable_StepFunctionsOnly_TheAdaptersKeyOnDemandEncryptedAndNamedToTheFunction()
    {
        var table = Templates.Central.Resource("OrganizationsTurnsTable");
        var properties = Properties("OrganizationsTurnsTable");

        Assert.Equal("UseStepFunctions", table["Condition"]);
        Assert.Equal(("Delete", "Delete"), (table["DeletionPolicy"], table["UpdateReplacePolicy"]));
        Assert.Equal("PAY_PER_REQUEST", Path(properties, "BillingMode"));
        Assert.Equal("true", Path(properties, "SSESpecification", "SSEEnabled"));
        Assert.Equal([$"{DynamoDbOrganizationsTurns.PartitionKey}:HASH"], KeySchema(Path(properties, "KeySchema")));
        Assert.Equal($"{DynamoDbOrganizationsTurns.PartitionKey}:S",
            $"{Path(properties, "AttributeDefinitions", 0, "AttributeName")}:{Path(properties, "AttributeDefinitions", 0, "AttributeType")}");
        Assert.Single((List<object?>)Path(properties, "AttributeDefinitions")!);
        var variable = Path(Properties("Function"), "Environment", "Variables", EnvironmentVariables.OrganizationsTurnsTable, "Fn::If");
        Assert.Equal("UseStepFunctions", Path(variable, 0));
        Assert.Equal("OrganizationsTurnsTable", Path(variable, 1, "Ref"));
        Assert.Equal("", Path(variable, 2));
    }

    [Fact]
    public void ExternalId_IsNoEchoInEveryTemplate()
    {
        Assert.Equal("true", Path(Templates.Central.Parameters, "ExternalId", "NoEcho"));
        Assert.Equal("true", Path(Templates.MemberRole.Parameters, "ExternalId", "NoEcho"));
        Assert.Equal("true", Path(Templates.MemberStackSet.Parameters, "ExternalId", "NoEcho"));
    }

    /// <summary>The variables the template would set with every parameter at its default (required ones given a value).</summary>
    private static Dictionary<string, string> EnvironmentFromDefaults()
    {
        var resolver = new CfnResolver(
            Templates.Central,
            new Dictionary<string, string> { ["ExternalId"] = "external-id-from-operator", ["CodeBucket"] = "artifacts-EXAMPLE" },
            new Dictionary<string, string>
            {
                ["Topic"] = "arn:aws:sns:eu-west-1:111111111111:key-rotation-Topic-1",
                ["AuditTable"] = "key-rotation-AuditTable-1",
                ["AuditDigestBucket"] = "key-rotation-auditdigestbucket-1",
            });
        var variables = (Dictionary<string, object?>)resolver.Resolve(Path(Properties("Function"), "Environment", "Variables"))!;
        return variables.ToDictionary(v => v.Key, v => (string)v.Value!);
    }

    private static List<string> KeySchema(object? node) =>
        [.. ((List<object?>)node!).Cast<Dictionary<string, object?>>().Select(k => $"{k["AttributeName"]}:{k["KeyType"]}")];
}
