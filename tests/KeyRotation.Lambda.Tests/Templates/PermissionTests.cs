using System.Text.RegularExpressions;
using static KeyRotation.Lambda.Tests.Templates.CfnTemplate;

namespace KeyRotation.Lambda.Tests.Templates;

/// <summary>Permissions are code: each role's policy is exactly the declared set, and nothing is wildcarded.</summary>
public sealed class PermissionTests
{
    [Fact]
    public void MemberRole_Actions_AreExactlyTheDeclaredMemberActions()
    {
        var role = Templates.MemberRole.Resource("MemberRole");

        Assert.Equal(DeclaredPermissions.Member.Order(), Policies.AllowedActions(Policies.Permissions(role)).Order());
    }

    [Fact]
    public void OperatorRole_Actions_AreExactlyTheDeclaredOperatorActions()
    {
        var role = Templates.MemberRole.Resource("OperatorRole");

        Assert.Equal(DeclaredPermissions.Operator.Order(), Policies.AllowedActions(Policies.Permissions(role)).Order());
        Assert.Equal("HasOperator", role["Condition"]);
    }

    [Fact]
    public void OperatorRole_Trust_OnlyTheOperatorPrincipalInsideTheOrganizationWithExternalId()
    {
        var trust = Assert.Single(Policies.Trust(Templates.MemberRole.Resource("OperatorRole")));

        Assert.Equal("OperatorPrincipalArn", Path(trust, "Principal", "AWS", "Ref"));
        Assert.Equal("ExternalId", Path(trust, "Condition", "StringEquals", "sts:ExternalId", "Ref"));
        Assert.Equal("OperatorPrincipalArn", Path(trust, "Condition", "StringEquals", "aws:PrincipalArn", "Ref"));
        Assert.Equal("OrganizationId", Path(trust, "Condition", "StringEquals", "aws:PrincipalOrgID", "Ref"));
    }

    [Fact]
    public void FunctionRole_Actions_AreExactlyTheDeclaredCentralAndHostActions()
    {
        var role = Templates.Central.Resource("FunctionRole");

        Assert.Equal(
            DeclaredPermissions.Central.Union(DeclaredPermissions.CentralHost).Order(),
            Policies.AllowedActions(Policies.Permissions(role)).Order());
    }

    [Fact]
    public void StateMachineRole_Actions_AreExactlyTheFanOutActions()
    {
        var role = Templates.Central.Resource("StateMachineRole");

        Assert.Equal(DeclaredPermissions.StateMachine.Order(), Policies.AllowedActions(Policies.Permissions(role)).Order());
    }

    [Fact]
    public void SchedulerRole_Actions_AreExactlyTheSchedulerActions()
    {
        var role = Templates.Central.Resource("SchedulerRole");

        Assert.Equal(DeclaredPermissions.Scheduler.Order(), Policies.AllowedActions(Policies.Permissions(role)).Order());
    }

    [Theory]
    [MemberData(nameof(Templates.All), MemberType = typeof(Templates))]
    public void Template_NoWildcardNotActionOrPrivilegeEscalationAction(string path)
    {
        var template = Templates.ByPath(path);
        var statements = Policies.Statements(template.Root);

        Assert.Equal(template.ResourcesOfType("AWS::IAM::Role").Any(), statements.Count > 0);
        foreach (var statement in statements)
        {
            Assert.False(statement.ContainsKey("NotAction"), $"{path}: NotAction in {Describe(statement)}");
            Assert.False(statement.ContainsKey("NotResource"), $"{path}: NotResource in {Describe(statement)}");
            foreach (var action in Policies.Actions(statement))
            {
                // A Deny may cover a whole service (the digest bucket's TLS-only rule denies s3:* without TLS): it only takes away.
                if (Path(statement, "Effect") as string != "Deny") Assert.DoesNotContain("*", action, StringComparison.Ordinal);
                Assert.DoesNotMatch(new Regex("^iam:(Put\\w*Policy|Attach\\w*|CreatePolicy\\w*|PassRole)$"), action);
            }
        }
    }

    [Fact]
    public void MemberRole_Trust_OnlyTheCentralRoleWithExternalIdAndSourceIdentity()
    {
        var trust = Assert.Single(Policies.Trust(Templates.MemberRole.Resource("MemberRole")));

        // The adapters set a SourceIdentity on every member session, which the trust must allow alongside the assume.
        Assert.Equal(["sts:AssumeRole", "sts:SetSourceIdentity"], Policies.Actions(trust).Order(StringComparer.Ordinal));
        Assert.Equal("CentralRoleArn", Path(trust, "Principal", "AWS", "Ref"));
        Assert.Equal("ExternalId", Path(trust, "Condition", "StringEquals", "sts:ExternalId", "Ref"));
        Assert.Equal("CentralRoleArn", Path(trust, "Condition", "StringEquals", "aws:PrincipalArn", "Ref"));
        Assert.Equal("OrganizationId", Path(trust, "Condition", "StringEquals", "aws:PrincipalOrgID", "Ref"));
    }

    [Fact]
    public void MemberRole_Resources_AreUsersAndOurSecretsExceptTheAccountWideReads()
    {
        var allows = Policies.Permissions(Templates.MemberRole.Resource("MemberRole")).Where(s => s["Effect"] as string == "Allow").ToList();

        foreach (var action in DeclaredPermissions.Member)
        {
            var resource = Path(Policies.StatementFor(allows, action), "Resource");
            if (DeclaredPermissions.MemberAccountWide.Contains(action))
            {
                Assert.Equal("*", resource);
            }
            else if (DeclaredPermissions.MemberKeyChanges.Contains(action))
            {
                Assert.Equal("arn:${AWS::Partition}:iam::${AWS::AccountId}:user${ManagedUserPath}*", Path(resource, "Fn::Sub"));
            }
            else if (action.StartsWith("iam:", StringComparison.Ordinal))
            {
                Assert.Equal("arn:${AWS::Partition}:iam::${AWS::AccountId}:user/*", Path(resource, "Fn::Sub"));
            }
            else
            {
                // This region only: a secret written elsewhere would be one nobody looks for.
                Assert.Equal("arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:key-rotation/*", Path(resource, "Fn::Sub"));
            }
        }
    }

    [Fact]
    public void FunctionRole_AssumeRole_OnlyTheMemberRoleInsideTheOrganization()
    {
        var statement = Policies.StatementFor(Policies.Permissions(Templates.Central.Resource("FunctionRole")), "sts:AssumeRole");

        Assert.Equal("arn:${AWS::Partition}:iam::*:role/${MemberRoleName}", Path(statement, "Resource", "Fn::Sub"));
        Assert.Equal("${aws:PrincipalOrgID}", Path(statement, "Condition", "StringEquals", "aws:ResourceOrgID"));
        Assert.Equal("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${AWS::StackName}-key-rotation",
            Path(statement, "Condition", "ArnEquals", "lambda:SourceFunctionArn", "Fn::Sub"));
        Assert.Equal("${AWS::StackName}-key-rotation", Path(Templates.Central.Resource("Function"), "Properties", "FunctionName", "Fn::Sub"));
        Assert.Equal(["sts:AssumeRole", "sts:SetSourceIdentity"], Policies.Actions(statement).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FunctionRole_AuditTableStatement_IsExactlyWhatTheAuditStoreCalls()
    {
        var statements = Policies.Permissions(Templates.Central.Resource("FunctionRole"));

        var audit = Policies.StatementFor(statements, "dynamodb:PutItem");
        Assert.Equal(DeclaredPermissions.AuditTable.Order(StringComparer.Ordinal), Policies.Actions(audit).Order(StringComparer.Ordinal));
        var turns = Policies.StatementFor(statements, "dynamodb:UpdateItem");
        Assert.DoesNotContain(statements.Except([audit, turns]).SelectMany(Policies.Actions), a => a.StartsWith("dynamodb:", StringComparison.Ordinal));
    }

    [Fact]
    public void FunctionRole_OrganizationsTurnsStatement_IsOnlyUpdateItemOnTheTurnsTable()
    {
        var turns = Policies.StatementFor(Policies.Permissions(Templates.Central.Resource("FunctionRole")), "dynamodb:UpdateItem");

        Assert.Equal(DeclaredPermissions.OrganizationsTurns.Order(StringComparer.Ordinal), Policies.Actions(turns).Order(StringComparer.Ordinal));
        Assert.Equal(["OrganizationsTurnsTable", "Arn"], Strings(Path(turns, "Resource", "Fn::GetAtt")));
    }

    [Fact]
    public void FunctionRole_OnlyOrganizationsReadsUseAnyResource()
    {
        var statements = Policies.Permissions(Templates.Central.Resource("FunctionRole"));

        var unscoped = statements.Where(s => Path(s, "Resource") as string == "*").SelectMany(Policies.Actions);
        // sts:GetAccessKeyInfo (incident actions) has no resource-level permission either.
        Assert.All(unscoped, a => Assert.True(a.StartsWith("organizations:", StringComparison.Ordinal) || a == "sts:GetAccessKeyInfo", a));
        Assert.Equal("AuditTable", Path(Policies.StatementFor(statements, "dynamodb:Query"), "Resource", 0, "Fn::GetAtt", 0));
        Assert.Equal("${AuditTable.Arn}/index/*", Path(Policies.StatementFor(statements, "dynamodb:Query"), "Resource", 1, "Fn::Sub"));
        Assert.Equal("Topic", Path(Policies.StatementFor(statements, "sns:Publish"), "Resource", "Ref"));
        Assert.Equal("Key", Path(Policies.StatementFor(statements, "kms:Decrypt"), "Resource", "Fn::GetAtt", 0));
        Assert.Equal("FunctionLogGroup", Path(Policies.StatementFor(statements, "logs:PutLogEvents"), "Resource", "Fn::GetAtt", 0));
    }

    [Fact]
    public void ServiceRoles_TrustOnlyTheirServiceFromThisAccount()
    {
        foreach (var (name, service) in new[]
                 {
                     ("FunctionRole", "lambda.amazonaws.com"), ("StateMachineRole", "states.amazonaws.com"),
                     ("SchedulerRole", "scheduler.amazonaws.com"),
                 })
        {
            var trust = Assert.Single(Policies.Trust(Templates.Central.Resource(name)));
            Assert.Equal(service, Path(trust, "Principal", "Service"));
            Assert.Equal("AWS::AccountId", Path(trust, "Condition", "StringEquals", "aws:SourceAccount", "Ref"));
        }
    }

    private static string Describe(Dictionary<string, object?> statement) => statement.GetValueOrDefault("Sid") as string ?? "a statement";
}
