using KeyRotation.Lambda.Configuration;
using KeyRotation.Lambda.Tests.Configuration;
using static KeyRotation.Lambda.Tests.Templates.CfnTemplate;

namespace KeyRotation.Lambda.Tests.Templates;

/// <summary>History that shows tampering (docs/audit.md): the table's resource policy and the locked digest bucket.</summary>
public sealed class AuditEvidenceTemplateTests
{
    private static Dictionary<string, object?> Properties(string resource) =>
        (Dictionary<string, object?>)Path(Templates.Central.Resource(resource), "Properties")!;

    private static IReadOnlyList<Dictionary<string, object?>> TablePolicy() =>
        Policies.Statements(Path(Properties("AuditTable"), "ResourcePolicy", "PolicyDocument"));

    [Fact]
    public void AuditTablePolicy_DeniesEveryItemChangeAndRemovalToEveryone_AndKeepsDeletionProtection()
    {
        var deny = TablePolicy().Single(s => Path(s, "Sid") as string == "NobodyChangesOrRemovesEvents");

        Assert.Equal(("Deny", "*", null), (Path(deny, "Effect"), Path(deny, "Principal"), Path(deny, "Condition")));
        Assert.Equal(
            ["dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:DeleteTable", "dynamodb:PartiQLDelete", "dynamodb:PartiQLInsert",
             "dynamodb:PartiQLUpdate", "dynamodb:UpdateItem"],
            Policies.Actions(deny).Order(StringComparer.Ordinal));
        Assert.Equal("true", Path(Properties("AuditTable"), "DeletionProtectionEnabled"));
    }

    [Fact]
    public void AuditTablePolicy_DeniesPutItemToAnyoneWithoutTheFunctionRolesTag()
    {
        var deny = TablePolicy().Single(s => Path(s, "Sid") as string == "OnlyTheFunctionAddsEvents");
        var tags = (List<object?>)Path(Properties("FunctionRole"), "Tags")!;

        Assert.Equal(("Deny", "*", "dynamodb:PutItem"), (Path(deny, "Effect"), Path(deny, "Principal"), Path(deny, "Action")));
        Assert.Equal("AWS::StackName", Path(deny, "Condition", "StringNotEquals", "aws:PrincipalTag/key-rotation:audit-writer", "Ref"));
        Assert.Contains(tags, t => Path(t, "Key") as string == "key-rotation:audit-writer" && Path(t, "Value", "Ref") as string == "AWS::StackName");
    }

    [Fact]
    public void DigestBucket_ObjectLockComplianceForTheParameterDays_VersionedPrivateAndRetained()
    {
        var bucket = Templates.Central.Resource("AuditDigestBucket");
        var properties = Properties("AuditDigestBucket");

        Assert.Equal(("Retain", "Retain"), (Path(bucket, "DeletionPolicy"), Path(bucket, "UpdateReplacePolicy")));
        Assert.Equal(("true", "Enabled"), (Path(properties, "ObjectLockEnabled"), Path(properties, "VersioningConfiguration", "Status")));
        Assert.Equal("COMPLIANCE", Path(properties, "ObjectLockConfiguration", "Rule", "DefaultRetention", "Mode"));
        Assert.Equal("AuditDigestRetentionDays", Path(properties, "ObjectLockConfiguration", "Rule", "DefaultRetention", "Days", "Ref"));
        foreach (var block in new[] { "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets" })
            Assert.Equal("true", Path(properties, "PublicAccessBlockConfiguration", block));
    }

    [Fact]
    public void DigestBucketPolicy_TlsOnly_NoDeletes_OnlyTheFunctionWrites_NeverOverwrites()
    {
        var statements = Policies.Statements(Path(Properties("AuditDigestBucketPolicy"), "PolicyDocument"));
        Dictionary<string, object?> Sid(string sid) => statements.Single(s => Path(s, "Sid") as string == sid);

        Assert.All(statements, s => Assert.Equal(("Deny", "*"), (Path(s, "Effect"), Path(s, "Principal"))));
        Assert.Equal("false", Path(Sid("TlsOnly"), "Condition", "Bool", "aws:SecureTransport"));
        Assert.Contains("s3:DeleteObjectVersion", Policies.Actions(Sid("NobodyRemovesDigests")));
        Assert.Contains("s3:BypassGovernanceRetention", Policies.Actions(Sid("NobodyRemovesDigests")));
        Assert.Equal("FunctionRole", Path(Sid("OnlyTheFunctionAddsDigests"), "Condition", "ArnNotEquals", "aws:PrincipalArn", "Fn::GetAtt", 0));
        Assert.Equal("true", Path(Sid("DigestsAreNeverOverwritten"), "Condition", "Null", "s3:if-none-match"));
    }

    [Fact]
    public void FunctionRole_DigestStatements_AreScopedToTheBucketsDigestPrefix_AndTheHostIsToldTheBucket()
    {
        // The optional report bucket's PutObject (WritePostureReports) and the fan-out bucket's (WriteFanOutItems,
        // ReadFanOutResults) are their own statements, on their own buckets.
        string[] otherBuckets = ["WritePostureReports", "WriteFanOutItems", "ReadFanOutResults"];
        var statements = Policies.Permissions(Templates.Central.Resource("FunctionRole"))
            .Where(s => !otherBuckets.Contains(s.GetValueOrDefault("Sid") as string)).ToList();
        var variables = (Dictionary<string, object?>)Path(Properties("Function"), "Environment", "Variables")!;

        Assert.Equal("${AuditDigestBucket.Arn}/digests/*", Path(Policies.StatementFor(statements, "s3:PutObject"), "Resource", "Fn::Sub"));
        Assert.Equal("digests/*", Path(Policies.StatementFor(statements, "s3:ListBucket"), "Condition", "StringLike", "s3:prefix"));
        Assert.DoesNotContain(statements.SelectMany(Policies.Actions), a => a.StartsWith("s3:Delete", StringComparison.Ordinal) || a.Contains("Retention", StringComparison.Ordinal));
        Assert.Equal("AuditDigestBucket", Path(variables[EnvironmentVariables.AuditDigestBucket], "Ref"));
        Assert.Contains(EnvironmentVariables.AuditDigestBucket, HostSettingsReaderTests.AllVariables);
    }
}
