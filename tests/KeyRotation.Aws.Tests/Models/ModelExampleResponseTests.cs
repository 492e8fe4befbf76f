using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using KeyRotation.Aws.Configuration;
using KeyRotation.Aws.Endpoints;
using KeyRotation.Aws.Iam;
using KeyRotation.Aws.Organizations;
using KeyRotation.Engine.Ports.Organizations;
using KeyRotation.Aws.Protocol;
using KeyRotation.Aws.SecretsManager;
using KeyRotation.Aws.Sts;
using KeyRotation.Aws.Tests.Support;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Iam;
using KeyRotation.Engine.Ports.SecretsManager;

namespace KeyRotation.Aws.Tests.Models;

/// <summary>The models' example responses, sent as the service would, read by our clients.</summary>
public sealed class ModelExampleResponseTests
{
    private static readonly ServiceEndpoint Iam = new(AwsService.Iam, new Uri("https://iam.amazonaws.com/"), "us-east-1", false);
    private static readonly ServiceEndpoint Orgs = new(AwsService.Organizations, new Uri("https://organizations.us-east-1.amazonaws.com/"), "us-east-1", false);
    private static readonly ServiceEndpoint Secrets = new(AwsService.SecretsManager, new Uri("https://secretsmanager.us-west-2.amazonaws.com/"), "us-west-2", false);

    private static HttpClient Http(HttpMessageHandler transport, ServiceEndpoint endpoint) =>
        new SignedHttpClientFactory(transport, TimeSpan.FromSeconds(5)).Create(TestCredentials.Central, endpoint);

    private static IamClient IamFor(string operation)
    {
        var model = ServiceModel.Load("iam");
        var xml = ModelExamples.QueryXml(model, operation, ModelExamples.Of("iam", operation)[0].Output);
        return new IamClient(new QueryClient(Http(RecordingHandler.Always(StubResponse.Xml(xml)), Iam), Iam, IamClient.ApiVersion));
    }

    private static OrganizationsClient OrganizationsFor(string operation) => new(new JsonClient(
        Http(RecordingHandler.Always(StubResponse.AwsJson(ModelExamples.JsonBody("organizations", operation))), Orgs), Orgs, OrganizationsClient.TargetPrefix));

    private static SecretsManagerClient SecretsFor(string operation) => new(new JsonClient(
        Http(RecordingHandler.Always(StubResponse.AwsJson(ModelExamples.JsonBody("secretsmanager", operation))), Secrets), Secrets, SecretsManagerClient.TargetPrefix));

    [ModelFact]
    public async Task Organizations_ListAccountsForParentExample_AccountsWithStatusFallback()
    {
        var page = await OrganizationsFor("ListAccountsForParent").ListAccountsForParentAsync("ou-examplerootid111-exampleouid111", null, CancellationToken.None);

        Assert.Equal([new OrganizationAccount("333333333333", "Development Account", "ACTIVE"), new OrganizationAccount("444444444444", "Test Account", "ACTIVE")],
            page.Items);
        Assert.Null(page.NextMarker);
    }

    [ModelFact]
    public async Task Organizations_ListRootsAndListOusForParentExamples_Read()
    {
        Assert.Equal(["r-examplerootid111"], (await OrganizationsFor("ListRoots").ListRootsAsync(null, CancellationToken.None)).Items);
        Assert.Equal([new OrganizationalUnit("ou-examplerootid111-exampleouid111", "Development"), new OrganizationalUnit("ou-examplerootid111-exampleouid222", "Production")],
            (await OrganizationsFor("ListOrganizationalUnitsForParent").ListOrganizationalUnitsForParentAsync("r-examplerootid111", null, CancellationToken.None)).Items);
    }

    [ModelFact]
    public async Task SecretsManager_WriteExamples_ArnRead()
    {
        const string arn = "arn:aws:secretsmanager:us-west-2:123456789012:secret:MyTestDatabaseSecret-a1b2c3";
        var tags = new Dictionary<string, string>();
        Assert.Equal(arn, await SecretsFor("CreateSecret").CreateSecretAsync(
            new NewSecret("n", "d", new SecretText("{}"), "token-token-token-token-token-token", tags, null), CancellationToken.None));
        Assert.Equal(arn, await SecretsFor("PutSecretValue").PutSecretValueAsync("n", new SecretText("{}"), "token-token-token-token-token-token",
            CancellationToken.None));
        await SecretsFor("PutResourcePolicy").PutResourcePolicyAsync("n", "{}", CancellationToken.None);
    }

    [ModelFact]
    public async Task Iam_ListExamples_Read()
    {
        var users = (await IamFor("ListUsers").ListUsersAsync(null, CancellationToken.None)).Items;
        Assert.Equal(["Juan", "Anika"], users.Select(u => u.UserName));
        Assert.Equal("arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/engineering/Juan", users[0].Arn);

        var keys = (await IamFor("ListAccessKeys").ListAccessKeysAsync("Alice", null, CancellationToken.None)).Items;
        Assert.Equal([new IamAccessKey("AKIA111111111EXAMPLE", AccessKeyStatus.Active, new DateTimeOffset(2016, 12, 1, 22, 19, 58, TimeSpan.Zero)),
            new IamAccessKey("AKIA222222222EXAMPLE", AccessKeyStatus.Active, new DateTimeOffset(2016, 12, 1, 22, 20, 1, TimeSpan.Zero))], keys);

        var tags = (await IamFor("ListUserTags").ListUserTagsAsync("anika", null, CancellationToken.None)).Items;
        Assert.Equal(new Dictionary<string, string> { ["Dept"] = "12345", ["Team"] = "Accounting" }, tags.ToDictionary());

        Assert.Equal("arn:aws:iam::123456789012:user/Bob", (await IamFor("GetUser").GetUserAsync("Bob", CancellationToken.None)).Arn);
    }

    [ModelFact]
    public async Task Iam_CreateAccessKeyExample_SecretWrapped()
    {
        var key = await IamFor("CreateAccessKey").CreateAccessKeyAsync("Bob", CancellationToken.None);

        Assert.Equal("AKIAIOSFODNN7EXAMPLE", key.AccessKeyId);
        Assert.Equal("wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY", key.SecretAccessKey.Reveal());
        Assert.Equal(new DateTimeOffset(2015, 3, 9, 18, 39, 23, 411, TimeSpan.Zero), key.CreatedAt);
    }

    [ModelFact]
    public async Task Sts_Examples_ReadThroughTheSdk()
    {
        var model = ServiceModel.Load("sts");
        var transport = new RecordingHandler(request => StubResponse.Xml(ModelExamples.QueryXml(model, request.Field("Action")!,
            ModelExamples.Of("sts", request.Field("Action")!)[0].Output)));
        var context = new AwsContext(new AwsSettings { RunId = "r" }, "us-east-1", TestCredentials.Central,
            new EndpointResolver("us-east-1", null, DictionaryEnvironmentVariables.Empty), transport);
        var config = new AmazonSecurityTokenServiceConfig();
        context.ConfigureSdkClient(config, AwsService.Sts);
        using var client = new AmazonSecurityTokenServiceClient(TestCredentials.Central, config);
        var sts = new StsGateway(client);

        var caller = await sts.GetCallerIdentityAsync(CancellationToken.None);
        var session = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = "arn:aws:iam::123456789012:role/demo", RoleSessionName = "session" },
            "123456789012", CancellationToken.None);

        Assert.Equal(("123456789012", "aws"), (caller.Account, caller.Partition.Name));
        Assert.Equal("AKIAIOSFODNN7EXAMPLE", session.Credentials.AccessKey);
        Assert.StartsWith("AQoDYXdzEPT", session.Credentials.Token, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2011, 7, 15, 23, 28, 33, 359, TimeSpan.Zero), session.Expiration);
        Assert.All(transport.Requests, r => Assert.Equal(("sts", "us-east-1"), (r.SigningService, r.SigningRegion)));
    }
}
