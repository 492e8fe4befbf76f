using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Tests.Support;

namespace KeyRotation.Cli.Tests.Aws;

/// <summary>AWS mode's bad inputs and unusable environments: each a clear message, exit 2, and nothing changed.</summary>
public sealed class AwsInputTests : IDisposable
{
    private readonly AwsCli cli = new();
    private readonly TempFiles files = new();

    public void Dispose()
    {
        cli.Dispose();
        files.Dispose();
    }

    [Fact]
    public async Task Plan_NoRegionAnywhere_ExitsTwoNamingTheRegionFlag()
    {
        var plan = await cli.Run("plan", "--endpoint-url", cli.Endpoint);

        Assert.Equal(ExitCodes.InvalidInput, plan.ExitCode);
        Assert.Contains("No AWS region: pass --region", plan.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Cloud.Requests);
    }

    [Fact]
    public async Task Run_NothingGiven_AsksForConfirmBeforeAnythingElse()
    {
        var run = await cli.Run("run");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("needs --confirm", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_ProfileThatDoesNotExist_ExitsTwoSayingCredentialsAreMissing()
    {
        var plan = await cli.Plan("--profile", "key-rotation-tests-no-such-profile-5c1e");

        Assert.Equal(ExitCodes.InvalidInput, plan.ExitCode);
        Assert.Contains("no usable AWS credentials", plan.Error, StringComparison.Ordinal);
        Assert.Contains("key-rotation-tests-no-such-profile-5c1e", plan.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", plan.Error, StringComparison.Ordinal);
        Assert.Empty(plan.Out);
        Assert.Empty(cli.Cloud.Requests);
    }

    [Fact]
    public async Task Plan_CallerRejected_ExitsTwoSayingAwsRefusedTheCredentials()
    {
        cli.Cloud.Fault = r => r.Action == "GetCallerIdentity"
            ? FakeAwsCloud.QueryError("sts", 403, "InvalidClientTokenId", "The security token included in the request is invalid.")
            : null;

        var plan = await cli.Plan();

        Assert.Equal(ExitCodes.InvalidInput, plan.ExitCode);
        Assert.Contains("AWS refused the credentials", plan.Error, StringComparison.Ordinal);
        Assert.Contains("InvalidClientTokenId", plan.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(cli.Cloud.Requests, r => r.SigningService != "sts");
    }

    [Fact]
    public async Task Plan_FirstGetCallerIdentityThrottled_RetriedByThePipelineAndPlans()
    {
        var calls = 0;
        cli.Cloud.Fault = r => r.Action == "GetCallerIdentity" && Interlocked.Increment(ref calls) == 1
            ? FakeAwsCloud.QueryError("sts", 400, "Throttling", "Rate exceeded")
            : null;

        var plan = await cli.Plan();

        Assert.Equal(ExitCodes.Success, plan.ExitCode);
        Assert.Equal(2, cli.Cloud.Requests.Count(r => r.Action == "GetCallerIdentity"));
    }

    [Fact]
    public async Task Plan_GetCallerIdentityAlwaysThrottled_ExitsTwoAfterOnePlusMaxRetriesNamingStsAndTheThrottling()
    {
        cli.Cloud.Fault = r => r.Action == "GetCallerIdentity" ? FakeAwsCloud.QueryError("sts", 400, "Throttling", "Rate exceeded") : null;

        var plan = await cli.Plan("--max-retries", "2");

        Assert.Equal(ExitCodes.InvalidInput, plan.ExitCode);
        Assert.Contains("could not ask AWS STS", plan.Error, StringComparison.Ordinal);
        Assert.Contains("Throttling", plan.Error, StringComparison.Ordinal);
        Assert.Equal(3, cli.Cloud.Requests.Count(r => r.Action == "GetCallerIdentity"));
        Assert.DoesNotContain(cli.Cloud.Requests, r => r.SigningService != "sts");
    }

    [Fact]
    public async Task Plan_NothingListensAtTheEndpoint_ExitsTwoNamingTheEndpoint()
    {
        var endpoint = $"http://127.0.0.1:{StubHttpServer.FreePort()}";

        var plan = await cli.Run("plan", "--endpoint-url", endpoint, "--region", "us-east-1");

        Assert.Equal(ExitCodes.InvalidInput, plan.ExitCode);
        Assert.Contains($"could not ask AWS STS at {endpoint}", plan.Error, StringComparison.Ordinal);
        Assert.Contains("--endpoint-url", plan.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--role-name", "bad role!", "--role-name 'bad role!' is not an IAM role name")]
    [InlineData("--topic-arn", "arn:aws:sqs:us-east-1:999999999999:q", "--topic-arn 'arn:aws:sqs:us-east-1:999999999999:q' is not an SNS topic ARN")]
    [InlineData("--region", "Mars", "--region 'Mars' is not a region name")]
    [InlineData("--endpoint-url", "ftp://127.0.0.1", "--endpoint-url 'ftp://127.0.0.1' is not an absolute http(s) URL")]
    [InlineData("--audit-table", "a", "--audit-table 'a' is not a DynamoDB table name")]
    public async Task Plan_BadValue_ExitsTwoNamingFlagAndValue(string flag, string value, string message)
    {
        var connection = new Dictionary<string, string>
        {
            ["--endpoint-url"] = cli.Endpoint, ["--region"] = "us-east-1", ["--external-id"] = AwsCli.ExternalId, [flag] = value,
        };

        var plan = await cli.Run(["plan", .. connection.SelectMany(c => new[] { c.Key, c.Value })]);

        Assert.Equal(ExitCodes.InvalidInput, plan.ExitCode);
        Assert.Contains(message, plan.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Cloud.Requests);
    }

    [Fact]
    public async Task Plan_BadExternalId_ExitsTwoWithoutPrintingIt()
    {
        var plan = await cli.Run("plan", "--endpoint-url", cli.Endpoint, "--region", "us-east-1", "--external-id", "not allowed!");

        Assert.Equal(ExitCodes.InvalidInput, plan.ExitCode);
        Assert.Contains("--external-id must be 2-1224", plan.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not allowed!", plan.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_FutureAsOf_ExitsTwoBeforeContactingAws()
    {
        var run = await cli.Rotate("--as-of", "2025-06-02T12:00:00Z");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("--as-of: '2025-06-02T12:00:00Z' is in the future", run.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Cloud.Requests);
    }

    [Fact]
    public async Task Run_ConfirmedWithoutAuditTable_ExitsTwoBeforeContactingAws()
    {
        var run = await cli.Run(["run", .. cli.Connection, "--confirm"]);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("needs --audit-table", run.Error, StringComparison.Ordinal);
        Assert.Contains("--without-audit-table", run.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Cloud.Requests);
    }

    [Fact]
    public async Task Plan_FutureAsOf_IsAWhatIf()
    {
        var plan = await cli.Plan("--as-of", "2025-12-01T12:00:00Z");

        Assert.True(plan.ExitCode == ExitCodes.Success, plan.ToString());
        Assert.Contains(ReportRow.From(plan.Json()), r => r.UserName == "dave" && r.IsMutation);
    }

    [Fact]
    public async Task Run_SaveStateWithoutSimulation_ExitsTwo()
    {
        var run = await cli.Rotate("--save-state", files.PathOf("after.json"));

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("--save-state applies to --simulation only", run.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Cloud.Requests);
    }

    [Fact]
    public async Task Plan_SimulationWithAwsFlags_ExitsTwoNamingThem()
    {
        var input = files.Write("org.json", SampleOrganization.Json);

        var plan = await cli.Run("plan", "--simulation", input, "--role-name", "R", "--topic-arn", AwsCli.TopicArn);

        Assert.Equal(ExitCodes.InvalidInput, plan.ExitCode);
        Assert.Contains("--role-name, --topic-arn apply to runs against AWS only", plan.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Cloud.Requests);
    }

    [Theory]
    [InlineData("plan", "--endpoint-url", "--role-name", "--audit-table")]
    [InlineData("run", "--confirm", "--external-id", "--topic-arn")]
    public async Task Help_AwsFlags_Listed(string command, string first, string second, string third)
    {
        var help = await cli.Run(command, "--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains(first, help.Out, StringComparison.Ordinal);
        Assert.Contains(second, help.Out, StringComparison.Ordinal);
        Assert.Contains(third, help.Out, StringComparison.Ordinal);
        Assert.Contains("--profile", help.Out, StringComparison.Ordinal);
    }
}
