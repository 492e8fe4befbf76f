using System.Reflection;
using KeyRotation.Aws.Permissions;
using KeyRotation.Aws.Tests.Models;
using KeyRotation.Aws.Tests.Support;
using AwsPermissions = KeyRotation.Aws.Permissions.Permissions;

namespace KeyRotation.Aws.Tests.Permissions;

public sealed class PermissionsTests
{
    private static readonly Type[] Adapters = [.. typeof(AwsAdapters).Assembly.GetTypes().Where(t => t.GetCustomAttribute<ActsAsAttribute>() is not null)];

    private static IEnumerable<string> Declared(AwsPrincipal principal) =>
        Adapters.Where(t => t.GetCustomAttribute<ActsAsAttribute>()!.Principal == principal)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .SelectMany(m => m.GetCustomAttributes<RequiresPermissionAttribute>())
            .SelectMany(a => a.Actions)
            .Distinct()
            .Order(StringComparer.Ordinal);

    [Fact]
    public void Member_EqualsEveryDeclaredMemberAction() => Assert.Equal(Declared(AwsPrincipal.Member), AwsPermissions.Member);

    [Fact]
    public void Central_EqualsDeclaredCentralActionsPlusTheAuditTable()
    {
        var declared = Declared(AwsPrincipal.Central).ToList();

        Assert.Equal(declared.Union(AwsPermissions.AuditTable).Order(StringComparer.Ordinal), AwsPermissions.Central);
        // The only DynamoDB action an adapter declares is the turns' UpdateItem; the audit store's are its own list.
        Assert.Equal(AwsPermissions.OrganizationsTurns, declared.Where(a => a.StartsWith("dynamodb:", StringComparison.Ordinal)));
        Assert.Equal(["dynamodb:DescribeTable", "dynamodb:PutItem", "dynamodb:Query"], AwsPermissions.AuditTable);
        Assert.Equal(["dynamodb:UpdateItem"], AwsPermissions.OrganizationsTurns);
    }

    [Fact]
    public void Lists_SortedDistinctAndWellFormed()
    {
        foreach (var list in new[] { AwsPermissions.Central, AwsPermissions.Member, AwsPermissions.Operator })
        {
            Assert.Equal(list.Distinct().Order(StringComparer.Ordinal), list);
            Assert.All(list, a => Assert.Matches("^[a-z0-9]+:[A-Z][A-Za-z]+$", a));
        }

        Assert.Same(AwsPermissions.Member, AwsPermissions.For(AwsPrincipal.Member));
        Assert.Same(AwsPermissions.Central, AwsPermissions.For(AwsPrincipal.Central));
        Assert.Same(AwsPermissions.Operator, AwsPermissions.For(AwsPrincipal.Operator));
    }

    [Fact]
    public void Operator_IsMemberReadsOnly_NoKeyOrSecretChange()
    {
        // Discovery plus the secret-name check: everything the member role reads, nothing it writes.
        string[] writes =
        [
            "iam:CreateAccessKey", "iam:DeleteAccessKey", "iam:UpdateAccessKey", "secretsmanager:CreateSecret",
            "secretsmanager:PutResourcePolicy", "secretsmanager:PutSecretValue", "secretsmanager:TagResource",
        ];

        Assert.Equal(AwsPermissions.Member.Except(writes), AwsPermissions.Operator);
    }

    [Fact]
    public void EveryPortMethodOfAnAdapter_DeclaresItsActions()
    {
        Assert.Equal(9, Adapters.Length); // IamClient, SecretsManagerClient, AwsStsOperations (operation ports), S3AuditDigestStore, S3PostureReportStore, S3FanOutStore and DynamoDbOrganizationsTurns among them
        foreach (var adapter in Adapters)
        {
            foreach (var port in adapter.GetInterfaces().Where(i => i.Namespace?.StartsWith("KeyRotation.Engine.Ports", StringComparison.Ordinal) == true))
            {
                var map = adapter.GetInterfaceMap(port);
                // A property (S3FanOutStore.Bucket, DynamoDbOrganizationsTurns.Name) names what the adapter was built with; it sends no request.
                Assert.All(map.TargetMethods.Where(m => !m.IsSpecialName), m =>
                    Assert.True(m.GetCustomAttributes<RequiresPermissionAttribute>().Any(), $"{adapter.Name}.{m.Name} declares no permission"));
            }
        }
    }

    [Fact]
    public async Task Flow_EveryCallMade_IsGrantedToItsPrincipal_AndEveryGrantIsUsed()
    {
        using var rig = AwsTestRig.Create();

        var requests = await ModelConformanceTests.RunEveryOperationAsync(rig);

        var calls = requests.Where(r => r.Action != "GetCallerIdentity") // needs no permission
            .Select(r => (Central: r.AccessKeyId == TestCredentials.AccessKeyId, Action: $"{r.SigningService}:{r.Action}"))
            .Distinct()
            .ToList();
        Assert.Equal(AwsPermissions.Member, calls.Where(c => !c.Central).Select(c => c.Action).Order(StringComparer.Ordinal));
        var central = calls.Where(c => c.Central).Select(c => c.Action).ToList();
        Assert.Empty(central.Except(AwsPermissions.Central));
        // SetSourceIdentity rides on AssumeRole; the audit table's, the buckets' and the turns table's actions belong to their stores.
        Assert.Equal(AwsPermissions.Central.Except(AwsPermissions.AuditTable).Except(AwsPermissions.AuditDigests)
                .Except(AwsPermissions.FanOutObjects).Except(AwsPermissions.OrganizationsTurns).Except(["sts:SetSourceIdentity"]),
            central.Order(StringComparer.Ordinal));
    }
}
