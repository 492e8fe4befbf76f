using KeyRotation.Aws.Configuration;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Tests.Configuration;

public sealed class AwsSettingsTests
{
    [Fact]
    public void Ctor_Defaults()
    {
        var settings = new AwsSettings { RunId = "r" };

        Assert.Null(settings.Profile);
        Assert.Null(settings.Region);
        Assert.Null(settings.EndpointUrl);
        Assert.Equal("KeyRotationMemberRole", settings.MemberRoleName);
        Assert.Null(settings.ExternalId);
        Assert.Equal("key-rotation", settings.SourceIdentity);
        Assert.Null(settings.TopicArn);
        Assert.Equal(TimeSpan.FromHours(1), settings.SessionDuration);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.CredentialRefreshMargin);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.RequestTimeout);
        Assert.Equal(1, settings.SdkMaxErrorRetry);
        Assert.Equal(DiscoveryMode.Bulk, settings.Discovery.Mode);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.Discovery.ReportPollInterval);
        Assert.Equal(15, settings.Discovery.MaxReportPolls);
        Assert.Empty(settings.Validate());
    }

    private static readonly Dictionary<string, AwsSettings> BadSettings = new()
    {
        ["RunId"] = new AwsSettings { RunId = " " },
        ["MemberRoleName 'bad role'"] = new AwsSettings { RunId = "r", MemberRoleName = "bad role" },
        ["ExternalId"] = new AwsSettings { RunId = "r", ExternalId = "x" },
        ["SourceIdentity 'has space'"] = new AwsSettings { RunId = "r", SourceIdentity = "has space" },
        ["TopicArn 'arn:aws:sqs"] = new AwsSettings { RunId = "r", TopicArn = "arn:aws:sqs:eu-west-1:123456789012:q" },
        ["BreakGlassRoleArn 'arn:aws:iam::123456789012:user/alice' is not an IAM role ARN"] =
            new AwsSettings { RunId = "r", BreakGlassRoleArn = "arn:aws:iam::123456789012:user/alice" },
        ["Region 'Europe'"] = new AwsSettings { RunId = "r", Region = "Europe" },
        ["EndpointUrl 'localhost:4566'"] = new AwsSettings { RunId = "r", EndpointUrl = "localhost:4566" },
        ["SessionDuration"] = new AwsSettings { RunId = "r", SessionDuration = TimeSpan.FromMinutes(10) },
        ["CredentialRefreshMargin"] = new AwsSettings { RunId = "r", CredentialRefreshMargin = TimeSpan.FromMinutes(31) },
        ["RequestTimeout"] = new AwsSettings { RunId = "r", RequestTimeout = TimeSpan.Zero },
        ["SdkMaxErrorRetry"] = new AwsSettings { RunId = "r", SdkMaxErrorRetry = -1 },
        ["Discovery must be Bulk or PerKey (got 7)"] = new AwsSettings { RunId = "r", Discovery = new() { Mode = (DiscoveryMode)7 } },
        ["CredentialReportPollInterval"] = new AwsSettings { RunId = "r", Discovery = new() { ReportPollInterval = TimeSpan.FromSeconds(-1) } },
        ["CredentialReportMaxPolls"] = new AwsSettings { RunId = "r", Discovery = new() { MaxReportPolls = 101 } },
    };

    public static TheoryData<string> BadSettingCases => [.. BadSettings.Keys];

    [Theory]
    [MemberData(nameof(BadSettingCases))]
    public void Validate_BadValue_NamesTheField(string expected)
    {
        var problem = Assert.Single(BadSettings[expected].Validate());
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("KeyRotationMemberRole")]
    [InlineData("security/KeyRotation+Member=1,a.b@c_d-e")]
    public void Validate_RoleNameWithPath_Accepted(string role) =>
        Assert.Empty(new AwsSettings { RunId = "r", MemberRoleName = role, TopicArn = "arn:aws-us-gov:sns:us-gov-west-1:123456789012:t-1" }.Validate());

    [Fact]
    public void AwsAdapters_InvalidSettings_ThrowListingProblems()
    {
        var error = Assert.Throws<ArgumentException>(() => AwsAdapters.Create(
            new AwsSettings { RunId = "r", Region = "eu-west-1", SdkMaxErrorRetry = 99 }, environment: DictionaryEnvironmentVariables.Empty));
        Assert.Contains("SdkMaxErrorRetry must be 0 to 10 (got 99)", error.Message, StringComparison.Ordinal);
    }
}
