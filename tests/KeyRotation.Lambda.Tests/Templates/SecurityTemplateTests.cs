using KeyRotation.Lambda.Tests.Security;
using static KeyRotation.Lambda.Tests.Templates.CfnTemplate;

namespace KeyRotation.Lambda.Tests.Templates;

/// <summary>The templates' security settings that need no evaluator: rules, retention, logging, trust conditions.</summary>
public sealed class SecurityTemplateTests
{
    [Fact]
    public void Central_NotificationDeliveryWithoutSubscribers_IsRefused()
    {
        var parameters = PolicyWorld.CentralParameters();
        parameters.Remove("PlaintextSubscribers");

        var broken = PolicyWorld.Central(parameters).BrokenRules();

        Assert.Contains(broken, r => r.Contains("PlaintextSubscribers", StringComparison.Ordinal));
        Assert.Empty(PolicyWorld.Central().BrokenRules());
    }

    [Fact]
    public void Central_PlaintextSubscribers_ReachTheFunction()
    {
        var variables = PolicyWorld.Central().Properties("Function")["Environment"]!["Variables"]!;

        Assert.Equal(string.Join(',', PolicyWorld.PlaintextSubscribers), (string)variables["KEYROTATION_PLAINTEXT_SUBSCRIBERS"]!);
    }

    [Fact]
    public void Central_ManagedScopeAndBreakGlass_ReachTheFunction()
    {
        var parameters = PolicyWorld.CentralParameters();
        parameters["ManagedUserPath"] = "/managed/";
        parameters["ManagedUserTagKey"] = "key-rotation:scope";
        parameters["ManagedUserTagValue"] = "rotate";
        parameters["BreakGlassRoleArn"] = PolicyWorld.BreakGlassRoleArn;
        parameters["SecretsKeyAlias"] = "alias/key-rotation-secrets";

        var variables = PolicyWorld.Central(parameters).Properties("Function")["Environment"]!["Variables"]!;

        Assert.Equal("/managed/", (string)variables["KEYROTATION_MANAGED_USER_PATH"]!);
        Assert.Equal("key-rotation:scope=rotate", (string)variables["KEYROTATION_MANAGED_USER_TAG"]!);
        Assert.Equal(PolicyWorld.BreakGlassRoleArn, (string)variables["KEYROTATION_BREAK_GLASS_ROLE_ARN"]!);
        Assert.Equal("alias/key-rotation-secrets", (string)variables["KEYROTATION_SECRETS_KMS_KEY"]!);
        Assert.Equal("", (string)PolicyWorld.Central().Properties("Function")["Environment"]!["Variables"]!["KEYROTATION_MANAGED_USER_TAG"]!);
    }

    [Fact]
    public void ManagedScopeParameters_AgreeAcrossTemplates()
    {
        foreach (var name in new[] { "ManagedUserPath", "ManagedUserTagKey", "ManagedUserTagValue", "SecretsKeyAlias" })
        {
            var central = Path(Templates.Central.Parameters, name, "Default");
            Assert.Equal(central, Path(Templates.MemberRole.Parameters, name, "Default"));
            Assert.Equal(central, Path(Templates.MemberStackSet.Parameters, name, "Default"));
            Assert.Equal(Path(Templates.Central.Parameters, name, "AllowedPattern"), Path(Templates.MemberRole.Parameters, name, "AllowedPattern"));
        }

        Assert.Equal("/", Path(Templates.Central.Parameters, "ManagedUserPath", "Default"));
        Assert.Equal("", Path(Templates.Central.Parameters, "ManagedUserTagKey", "Default"));
    }

    [Fact]
    public void MemberTemplate_TagValueWithoutKey_IsRefused()
    {
        var parameters = PolicyWorld.MemberParameters();
        parameters.Remove("ManagedUserTagKey");

        Assert.NotEmpty(PolicyWorld.Member(parameters).BrokenRules());
    }

    [Fact]
    public void MemberRoleInThisAccount_DeploysTheMemberTemplateTrustingTheFunctionRole()
    {
        var parameters = PolicyWorld.CentralParameters();
        parameters["MemberRoleInThisAccount"] = "true";
        Assert.NotEmpty(PolicyWorld.Central(parameters).BrokenRules());
        parameters["OrganizationId"] = PolicyWorld.Organization;

        var resolver = PolicyWorld.Central(parameters);
        var stack = resolver.Properties("MemberRoleInThisAccountStack");

        Assert.Empty(resolver.BrokenRules());
        Assert.False(PolicyWorld.Central().Deploys("MemberRoleInThisAccountStack"));
        Assert.Equal("https://artifacts-EXAMPLE.s3.eu-west-1.amazonaws.com/key-rotation/member-role.yaml", (string)stack["TemplateURL"]!);
        var passed = stack["Parameters"]!.AsObject().Select(p => p.Key).ToHashSet();
        var required = Templates.MemberRole.Parameters.Where(p => Path(p.Value, "Default") is null).Select(p => p.Key);
        Assert.All(required, name => Assert.Contains(name, passed));
        Assert.All(passed, name => Assert.True(Templates.MemberRole.Parameters.ContainsKey(name), name));
        Assert.Equal("FunctionRole", Path(Templates.Central.Resource("MemberRoleInThisAccountStack"), "Properties", "Parameters", "CentralRoleArn", "Fn::GetAtt", 0));
    }

    [Fact]
    public void StatefulLogsAndQueue_AreRetained()
    {
        foreach (var name in new[] { "FunctionLogGroup", "StateMachineLogGroup", "DeadLetterQueue" })
        {
            var resource = Templates.Central.Resource(name);
            Assert.Equal("Retain", resource["DeletionPolicy"]);
            Assert.Equal("Retain", resource["UpdateReplacePolicy"]);
        }
    }

    [Fact]
    public void StateMachine_LogsErrorsWithoutExecutionData()
    {
        var logging = Path(Templates.Central.Resource("StateMachine"), "Properties", "LoggingConfiguration");

        Assert.Equal("ERROR", Path(logging, "Level"));
        Assert.Equal("false", Path(logging, "IncludeExecutionData"));
        Assert.Equal("StateMachineLogGroup", Path(logging, "Destinations", 0, "CloudWatchLogsLogGroup", "LogGroupArn", "Fn::GetAtt", 0));
    }

    [Fact]
    public void SchedulerTrust_OnlyItsOwnSchedule()
    {
        var trust = Assert.Single(Policies.Trust(Templates.Central.Resource("SchedulerRole")));
        var schedule = PolicyWorld.Central().Properties("Schedule");

        Assert.Equal(
            $"arn:aws:scheduler:eu-west-1:111111111111:schedule/default/{(string)schedule["Name"]!}",
            (string)PolicyWorld.Central().Resolve(Path(trust, "Condition", "StringEquals", "aws:SourceArn"))!);
        Assert.Equal("AWS::AccountId", Path(trust, "Condition", "StringEquals", "aws:SourceAccount", "Ref"));
    }
}
