using KeyRotation.Aws.Endpoints;
using KeyRotation.Aws.Variables;

namespace KeyRotation.Aws.Tests.Configuration;

public sealed class EndpointResolverTests
{
    private static EndpointResolver Resolver(string region = "eu-west-1", string? endpointUrl = null, params (string Name, string Value)[] env) =>
        new(region, endpointUrl, new DictionaryEnvironmentVariables(env.ToDictionary(v => v.Name, v => v.Value)));

    [Theory]
    [InlineData("eu-west-1", "IAM", "https://iam.amazonaws.com/", "us-east-1")]
    [InlineData("eu-west-1", "Organizations", "https://organizations.us-east-1.amazonaws.com/", "us-east-1")]
    [InlineData("eu-west-1", "STS", "https://sts.eu-west-1.amazonaws.com/", "eu-west-1")]
    [InlineData("eu-west-1", "SNS", "https://sns.eu-west-1.amazonaws.com/", "eu-west-1")]
    [InlineData("eu-west-1", "SecretsManager", "https://secretsmanager.eu-west-1.amazonaws.com/", "eu-west-1")]
    [InlineData("eu-west-1", "DynamoDB", "https://dynamodb.eu-west-1.amazonaws.com/", "eu-west-1")]
    [InlineData("us-gov-east-1", "IAM", "https://iam.us-gov.amazonaws.com/", "us-gov-west-1")]
    [InlineData("us-gov-east-1", "Organizations", "https://organizations.us-gov-west-1.amazonaws.com/", "us-gov-west-1")]
    [InlineData("us-gov-east-1", "SecretsManager", "https://secretsmanager.us-gov-east-1.amazonaws.com/", "us-gov-east-1")]
    [InlineData("cn-northwest-1", "IAM", "https://iam.cn-north-1.amazonaws.com.cn/", "cn-north-1")]
    [InlineData("cn-northwest-1", "Organizations", "https://organizations.cn-northwest-1.amazonaws.com.cn/", "cn-northwest-1")]
    [InlineData("cn-north-1", "SNS", "https://sns.cn-north-1.amazonaws.com.cn/", "cn-north-1")]
    public void Resolve_NoOverride_PublicEndpointOfThePartition(string region, string service, string url, string signingRegion)
    {
        var endpoint = Resolver(region).Resolve(AwsService.All.Single(s => s.Name == service));

        Assert.Equal(new Uri(url), endpoint.Url);
        Assert.Equal(signingRegion, endpoint.SigningRegion);
        Assert.False(endpoint.IsOverride);
    }

    [Fact]
    public void Resolve_GlobalServiceWithExplicitPartition_UsesThatPartition()
    {
        var endpoint = Resolver("eu-west-1").Resolve(AwsService.Iam, Partition.AwsUsGov);
        Assert.Equal(new Uri("https://iam.us-gov.amazonaws.com/"), endpoint.Url);
        Assert.Equal("us-gov-west-1", endpoint.SigningRegion);
    }

    [Theory]
    [InlineData("IAM", "AWS_ENDPOINT_URL_IAM")]
    [InlineData("Organizations", "AWS_ENDPOINT_URL_ORGANIZATIONS")]
    [InlineData("STS", "AWS_ENDPOINT_URL_STS")]
    [InlineData("SNS", "AWS_ENDPOINT_URL_SNS")]
    [InlineData("SecretsManager", "AWS_ENDPOINT_URL_SECRETS_MANAGER")]
    [InlineData("DynamoDB", "AWS_ENDPOINT_URL_DYNAMODB")]
    public void Resolve_ServiceVariable_BeatsGlobalVariableAndKeepsSigningRegion(string service, string variable)
    {
        var resolver = Resolver("eu-west-1", null, ("AWS_ENDPOINT_URL", "http://localhost:4566"), (variable, "http://localhost:9000/svc"));
        var target = AwsService.All.Single(s => s.Name == service);

        var endpoint = resolver.Resolve(target);

        Assert.Equal(new Uri("http://localhost:9000/svc/"), endpoint.Url);
        Assert.True(endpoint.IsOverride);
        Assert.Equal(resolver.Resolve(target).SigningRegion, Resolver("eu-west-1").Resolve(target).SigningRegion);
        var others = AwsService.All.Where(s => s != target).Select(s => resolver.Resolve(s).Url).Distinct();
        Assert.Equal([new Uri("http://localhost:4566/")], others);
    }

    [Fact]
    public void Resolve_EndpointUrlSetting_BeatsEveryVariable()
    {
        var resolver = Resolver("eu-west-1", "http://127.0.0.1:5000", ("AWS_ENDPOINT_URL", "http://a"), ("AWS_ENDPOINT_URL_IAM", "http://b"));
        Assert.All(AwsService.All, s => Assert.Equal(new Uri("http://127.0.0.1:5000/"), resolver.Resolve(s).Url));
    }

    [Fact]
    public void Resolve_IgnoreConfiguredEndpointUrls_UsesPublicEndpoints()
    {
        var resolver = Resolver("eu-west-1", null, ("AWS_ENDPOINT_URL", "http://a"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"));
        Assert.Equal(new Uri("https://sns.eu-west-1.amazonaws.com/"), resolver.Resolve(AwsService.Sns).Url);
    }

    [Fact]
    public void Resolve_RegionOverride_AddressesThatRegion() =>
        Assert.Equal(new Uri("https://sns.us-east-2.amazonaws.com/"), Resolver().Resolve(AwsService.Sns, regionOverride: "us-east-2").Url);

    [Fact]
    public void Resolve_MalformedOverride_ThrowsNamingServiceAndValue()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Resolver("eu-west-1", null, ("AWS_ENDPOINT_URL_SNS", "ftp://x")).Resolve(AwsService.Sns));
        Assert.Contains("SNS", error.Message, StringComparison.Ordinal);
        Assert.Contains("ftp://x", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:user/a", "aws")]
    [InlineData("arn:aws-us-gov:sts::123456789012:assumed-role/r/s", "aws-us-gov")]
    [InlineData("arn:aws-cn:iam::123456789012:root", "aws-cn")]
    public void Partition_OfArn_ReadsThePartition(string arn, string partition) => Assert.Equal(partition, Partition.OfArn(arn).Name);

    [Theory]
    [InlineData("arn:aws-iso:iam::123456789012:root")]
    [InlineData("not-an-arn")]
    public void Partition_OfArnUnsupportedOrMalformed_Throws(string arn) => Assert.Throws<FormatException>(() => Partition.OfArn(arn));
}
