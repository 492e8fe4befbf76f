using static KeyRotation.Lambda.Tests.Templates.CfnTemplate;

namespace KeyRotation.Lambda.Tests.Templates;

public sealed class StackSetTests
{
    private static Dictionary<string, object?> StackSet() =>
        (Dictionary<string, object?>)Path(Templates.MemberStackSet.Resource("MemberRoleStackSet"), "Properties")!;

    [Fact]
    public void StackSet_IsServiceManagedAutoDeployedToTheGivenOus()
    {
        var stackSet = StackSet();

        Assert.Equal("SERVICE_MANAGED", stackSet["PermissionModel"]);
        Assert.Equal("true", Path(stackSet, "AutoDeployment", "Enabled"));
        Assert.Equal("OrganizationalUnitIds",
            Path(stackSet, "StackInstancesGroup", 0, "DeploymentTargets", "OrganizationalUnitIds", "Ref"));
        Assert.Equal("MemberTemplateUrl", Path(stackSet, "TemplateURL", "Ref"));
        Assert.Contains("CAPABILITY_NAMED_IAM", Strings(stackSet["Capabilities"]));
    }

    [Fact]
    public void StackSet_PassesExactlyTheMemberTemplatesParameters()
    {
        var passed = ((List<object?>)StackSet()["Parameters"]!).Cast<Dictionary<string, object?>>()
            .ToDictionary(p => (string)p["ParameterKey"]!, p => (string)Path(p, "ParameterValue", "Ref")!);

        Assert.Equal(Templates.MemberRole.Parameters.Keys.Order(), passed.Keys.Order());
        Assert.All(passed, p => Assert.Equal(p.Key, p.Value));
    }

    [Fact]
    public void MemberRoleName_DefaultsAgreeAcrossTemplates()
    {
        var central = Path(Templates.Central.Parameters, "MemberRoleName", "Default");

        Assert.Equal(central, Path(Templates.MemberRole.Parameters, "MemberRoleName", "Default"));
        Assert.Equal(central, Path(Templates.MemberStackSet.Parameters, "MemberRoleName", "Default"));
        Assert.Equal("MemberRoleName", Path(Templates.MemberRole.Resource("MemberRole"), "Properties", "RoleName", "Ref"));
    }
}
