using KeyRotation.Aws.Sts;
using KeyRotation.Aws.Tests.Support;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Tests.Sts;

public sealed class AccountAccessTests
{
    private static IReadOnlyList<StubRequest> AssumeRoles(AwsTestRig rig) =>
        [.. rig.Cloud.Requests.Where(r => r.SigningService == "sts" && r.Action == "AssumeRole")];

    [Fact]
    public async Task Open_AssumesMemberRoleWithExternalIdSessionNameAndSourceIdentity()
    {
        using var rig = AwsTestRig.Create();

        var session = await rig.Adapters.AccountAccess.OpenAsync(SmallOrganization.Web, CancellationToken.None);

        Assert.Equal(SmallOrganization.Web, session.AccountId);
        var request = Assert.Single(AssumeRoles(rig));
        Assert.Equal("arn:aws:iam::111111111111:role/KeyRotationMemberRole", request.Field("RoleArn"));
        Assert.Equal("org-external-id", request.Field("ExternalId"));
        Assert.Equal("key-rotation-run-1", request.Field("RoleSessionName"));
        Assert.Equal("key-rotation", request.Field("SourceIdentity"));
        Assert.Equal("3600", request.Field("DurationSeconds"));
        Assert.Equal(("sts", "eu-west-1", TestCredentials.AccessKeyId), (request.SigningService, request.SigningRegion, request.AccessKeyId));
    }

    [Fact]
    public async Task Open_CallerInGovCloud_RoleArnAndIamEndpointOfThatPartition()
    {
        using var rig = AwsTestRig.Create(cloud => cloud.Partition = "aws-us-gov",
            AwsTestRig.Settings with { Region = "us-gov-west-1", TopicArn = null });

        var session = await rig.Adapters.AccountAccess.OpenAsync(SmallOrganization.Web, CancellationToken.None);
        await session.Identity.ReadUserAsync("alice", CancellationToken.None);

        Assert.Equal("arn:aws-us-gov:iam::111111111111:role/KeyRotationMemberRole", Assert.Single(AssumeRoles(rig)).Field("RoleArn"));
        var iam = rig.Cloud.Requests.First(r => r.SigningService == "iam");
        Assert.Equal(("iam.us-gov.amazonaws.com", "us-gov-west-1"), (iam.Url.Host, iam.SigningRegion));
    }

    [Fact]
    public async Task Open_RoleMissingOrTrustDenied_AccessDeniedNamingTheAccount()
    {
        using var rig = AwsTestRig.Create(cloud => cloud.DeniedAccounts.Add(SmallOrganization.Sandbox));

        var error = await Assert.ThrowsAsync<ServiceException>(() => rig.Adapters.AccountAccess.OpenAsync(SmallOrganization.Sandbox, CancellationToken.None));

        Assert.Equal(("STS", "AssumeRole", "AccessDenied", FailureKind.AccessDenied, 403), (error.Service, error.Operation, error.Code, error.Kind, error.HttpStatus));
        Assert.Contains("role missing or trust denied for account 222222222222", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task Open_DeniedThenAllowed_FailureNotCached()
    {
        using var rig = AwsTestRig.Create(cloud => cloud.DeniedAccounts.Add(SmallOrganization.Web));
        await Assert.ThrowsAsync<ServiceException>(() => rig.Adapters.AccountAccess.OpenAsync(SmallOrganization.Web, CancellationToken.None));
        rig.Cloud.DeniedAccounts.Clear();

        var session = await rig.Adapters.AccountAccess.OpenAsync(SmallOrganization.Web, CancellationToken.None);

        Assert.NotNull(await session.Identity.ReadUserAsync("alice", CancellationToken.None));
    }

    [Fact]
    public async Task Open_SameAccountTwice_OneAssumeRoleEachCallerAskedOnce()
    {
        using var rig = AwsTestRig.Create();

        await rig.Adapters.AccountAccess.OpenAsync(SmallOrganization.Web, CancellationToken.None);
        await rig.Adapters.AccountAccess.OpenAsync(SmallOrganization.Web, CancellationToken.None);

        // AssumeRole is one operation, one request; the engine opens an account once per run.
        Assert.Equal(2, AssumeRoles(rig).Count);
        Assert.Single(rig.Cloud.Requests, r => r.Action == "GetCallerIdentity");
    }

    [Fact]
    public async Task Session_IamAndSecretsCalls_SignedWithAssumedCredentialsAndSessionToken()
    {
        using var rig = AwsTestRig.Create();
        var session = await rig.Adapters.AccountAccess.OpenAsync(SmallOrganization.Web, CancellationToken.None);

        var key = await session.Identity.CreateAccessKeyAsync("carol", CancellationToken.None);
        await session.Secrets.StoreAccessKeyAsync("carol", key, CancellationToken.None);

        var issued = Assert.Single(rig.Cloud.Sessions);
        var memberCalls = rig.Cloud.Requests.Where(r => r.SigningService is "iam" or "secretsmanager").ToList();
        Assert.NotEmpty(memberCalls);
        Assert.All(memberCalls, r =>
        {
            Assert.Equal(issued.Key, r.AccessKeyId);
            Assert.Equal(issued.Value.Token, r.SecurityToken);
            Assert.Contains("x-amz-security-token", r.Scope.Groups["headers"].Value, StringComparison.Ordinal);
        });
        Assert.All(memberCalls.Where(r => r.SigningService == "iam"), r => Assert.Equal("us-east-1", r.SigningRegion));
        Assert.All(memberCalls.Where(r => r.SigningService == "secretsmanager"), r => Assert.Equal("eu-west-1", r.SigningRegion));
    }

    [Fact]
    public async Task Session_NearExpiry_AssumesAgainBeforeTheNextCall()
    {
        using var rig = AwsTestRig.Create();
        var session = await rig.Adapters.AccountAccess.OpenAsync(SmallOrganization.Web, CancellationToken.None);
        await session.Identity.ReadUserAsync("alice", CancellationToken.None);

        rig.Time.Advance(TimeSpan.FromMinutes(54));
        await session.Identity.ReadUserAsync("alice", CancellationToken.None);
        Assert.Single(AssumeRoles(rig));

        rig.Time.Advance(TimeSpan.FromMinutes(2));
        await session.Identity.ReadUserAsync("alice", CancellationToken.None);

        Assert.Equal(2, AssumeRoles(rig).Count);
        var newest = rig.Cloud.Sessions.OrderBy(s => s.Key, StringComparer.Ordinal).Last();
        Assert.Equal(newest.Value.Token, rig.Cloud.Requests.Last(r => r.SigningService == "iam").SecurityToken);
    }

    [Fact]
    public async Task Session_RefreshDenied_CallFailsWithTheStsAccessDenied()
    {
        using var rig = AwsTestRig.Create();
        var session = await rig.Adapters.AccountAccess.OpenAsync(SmallOrganization.Web, CancellationToken.None);
        rig.Cloud.DeniedAccounts.Add(SmallOrganization.Web);
        rig.Time.Advance(TimeSpan.FromMinutes(58));

        var error = await Assert.ThrowsAsync<ServiceException>(() => session.Identity.ReadUserAsync("alice", CancellationToken.None));

        Assert.Equal(("STS", "AssumeRole", FailureKind.AccessDenied), (error.Service, error.Operation, error.Kind));
        Assert.DoesNotContain(rig.Cloud.Requests, r => r.SigningService == "iam");
    }

    [Fact]
    public async Task Session_ReopenedAfterExpiry_UsesFreshCredentials()
    {
        using var rig = AwsTestRig.Create();
        await rig.Adapters.AccountAccess.OpenAsync(SmallOrganization.Web, CancellationToken.None);

        rig.Time.Advance(TimeSpan.FromHours(2));
        await rig.Adapters.AccountAccess.OpenAsync(SmallOrganization.Web, CancellationToken.None);

        Assert.Equal(2, AssumeRoles(rig).Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("12345678901a")]
    public async Task Open_NotAnAccountId_ArgumentException(string accountId)
    {
        using var rig = AwsTestRig.Create();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => rig.Adapters.AccountAccess.OpenAsync(accountId, CancellationToken.None));
        Assert.Contains("12 digits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_NoExternalIdNoSourceIdentity_NeitherSent()
    {
        using var rig = AwsTestRig.Create(cloud => cloud.ExpectedExternalId = null,
            AwsTestRig.Settings with { ExternalId = null, SourceIdentity = null, MemberRoleName = "path/Rotator", SessionDuration = TimeSpan.FromMinutes(15), CredentialRefreshMargin = TimeSpan.FromMinutes(1) });

        await rig.Adapters.AccountAccess.OpenAsync(SmallOrganization.Web, CancellationToken.None);

        var request = Assert.Single(AssumeRoles(rig));
        Assert.Null(request.Field("ExternalId"));
        Assert.Null(request.Field("SourceIdentity"));
        Assert.Equal("900", request.Field("DurationSeconds"));
        Assert.Equal("arn:aws:iam::111111111111:role/path/Rotator", request.Field("RoleArn"));
    }

    [Theory]
    [InlineData("run-1", "key-rotation-run-1")]
    [InlineData("2025-06-01T12:00:00Z#abc def", "key-rotation-2025-06-01T12-00-00Z-abc-def")]
    [InlineData("a+b=c,d.e@f_g", "key-rotation-a+b=c,d.e@f_g")]
    public void RoleSessionNames_ForRun_AllowedCharactersOnly(string runId, string expected) =>
        Assert.Equal(expected, RoleSessionNames.ForRun(runId));

    [Fact]
    public void RoleSessionNames_LongRunId_CutTo64()
    {
        var name = RoleSessionNames.ForRun(new string('x', 100));
        Assert.Equal(64, name.Length);
        Assert.StartsWith("key-rotation-xxx", name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallerIdentity_FromSts_WithPartition()
    {
        using var rig = AwsTestRig.Create(cloud => cloud.Partition = "aws-cn", AwsTestRig.Settings with { Region = "cn-north-1", TopicArn = null });

        var caller = await rig.Adapters.GetCallerIdentityAsync(CancellationToken.None);

        Assert.Equal(("999999999999", "arn:aws-cn:iam::999999999999:user/rotator", "aws-cn"), (caller.Account, caller.Arn, caller.Partition.Name));
    }
}
