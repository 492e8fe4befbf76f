using KeyRotation.Aws.Configuration;
using KeyRotation.Aws.Variables;

namespace KeyRotation.Aws.Tests.Configuration;

public sealed class RegionResolverTests
{
    private static DictionaryEnvironmentVariables Env(params (string Name, string Value)[] variables) =>
        new(variables.ToDictionary(v => v.Name, v => v.Value));

    private static string? NoProfile(string _) => null;

    [Fact]
    public void Resolve_SettingsRegion_WinsOverEnvironment() =>
        Assert.Equal("eu-central-1", RegionResolver.Resolve(new AwsSettings { RunId = "r", Region = "eu-central-1" },
            Env(("AWS_REGION", "us-east-1")), NoProfile));

    [Fact]
    public void Resolve_AwsRegion_WinsOverDefaultRegion() =>
        Assert.Equal("us-east-2", RegionResolver.Resolve(new AwsSettings { RunId = "r" },
            Env(("AWS_REGION", "us-east-2"), ("AWS_DEFAULT_REGION", "us-west-2")), NoProfile));

    [Fact]
    public void Resolve_OnlyDefaultRegion_UsesIt() =>
        Assert.Equal("us-west-2", RegionResolver.Resolve(new AwsSettings { RunId = "r" }, Env(("AWS_DEFAULT_REGION", "us-west-2")), NoProfile));

    [Fact]
    public void Resolve_NoEnvironment_AsksTheSelectedProfile()
    {
        var asked = new List<string>();
        string? Profile(string name)
        {
            asked.Add(name);
            return "ap-southeast-2";
        }

        Assert.Equal("ap-southeast-2", RegionResolver.Resolve(new AwsSettings { RunId = "r", Profile = "audit" }, Env(("AWS_PROFILE", "other")), Profile));
        Assert.Equal("ap-southeast-2", RegionResolver.Resolve(new AwsSettings { RunId = "r" }, Env(("AWS_PROFILE", "other")), Profile));
        Assert.Equal("ap-southeast-2", RegionResolver.Resolve(new AwsSettings { RunId = "r" }, Env(), Profile));
        Assert.Equal(["audit", "other", "default"], asked);
    }

    [Fact]
    public void Resolve_NothingNamesARegion_ThrowsSayingHowToSetOne()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RegionResolver.Resolve(new AwsSettings { RunId = "r" }, Env(), NoProfile));
        Assert.Contains("--region", error.Message, StringComparison.Ordinal);
        Assert.Contains("AWS_REGION", error.Message, StringComparison.Ordinal);
    }
}
