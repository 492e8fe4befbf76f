using System.Text.Json;
using KeyRotation.Aws.SecretsManager;
using KeyRotation.Engine.HandOff;
using KeyRotation.Aws.Tests.Support;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Tests.SecretsManager;

public sealed class SecretStoreTests
{
    private static readonly NewAccessKey Key = new("AKIANEWKEYEXAMPLE001", new SecretText("s3cr3t/with+plus=and\"quote"), SmallOrganization.Start);

    private static async Task<(AwsTestRig Rig, IAccountSession Session)> OpenAsync(Action<FakeAwsCloud>? arrange = null)
    {
        var rig = AwsTestRig.Create(arrange);
        return (rig, await rig.Adapters.AccountAccess.OpenAsync(SmallOrganization.Web, CancellationToken.None));
    }

    private static IReadOnlyList<string> SecretsCalls(AwsTestRig rig) =>
        [.. rig.Cloud.Requests.Where(r => r.SigningService == "secretsmanager").Select(r => r.Action)];

    [Fact]
    public async Task Store_NewSecret_CreatedTaggedAndReadableByTheUserOnly()
    {
        var (rig, session) = await OpenAsync();
        using var _ = rig;
        await session.Identity.DiscoverUsersAsync(CancellationToken.None);

        var arn = await session.Secrets.StoreAccessKeyAsync("bob", Key, CancellationToken.None);

        var secret = rig.Cloud.Account(SmallOrganization.Web).Secrets["key-rotation/bob"];
        Assert.Equal(secret.Arn, arn);
        using var value = JsonDocument.Parse(secret.Value!);
        Assert.Equal(Key.AccessKeyId, value.RootElement.GetProperty("AccessKeyId").GetString());
        Assert.Equal(Key.SecretAccessKey.Reveal(), value.RootElement.GetProperty("SecretAccessKey").GetString());
        Assert.Equal(new Dictionary<string, string>
        {
            ["key-rotation:managed"] = "true", ["key-rotation:user"] = "bob", ["key-rotation:access-key-id"] = Key.AccessKeyId,
        }, secret.Tags);
        using var policy = JsonDocument.Parse(secret.Policy!);
        Assert.Equal(SecretResourcePolicy.ForOwner("arn:aws:iam::111111111111:user/eng/bob"), secret.Policy);
        var statement = policy.RootElement.GetProperty("Statement")[0];
        Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
        Assert.Equal("arn:aws:iam::111111111111:user/eng/bob", statement.GetProperty("Principal").GetProperty("AWS").GetString());
        Assert.Equal("secretsmanager:GetSecretValue", statement.GetProperty("Action").GetString());
        Assert.Equal(["CreateSecret", "PutResourcePolicy"], SecretsCalls(rig));
        Assert.DoesNotContain(rig.Cloud.Requests, r => r.Action == "GetUser");
        Assert.True(rig.Cloud.Requests.Single(r => r.Action == "PutResourcePolicy").Json.GetProperty("BlockPublicPolicy").GetBoolean());
    }

    [Fact]
    public async Task Store_UserNotDiscoveredYet_ArnFromGetUser()
    {
        var (rig, session) = await OpenAsync();
        using var _ = rig;

        await session.Secrets.StoreAccessKeyAsync("bob", Key, CancellationToken.None);

        Assert.Equal("bob", rig.Cloud.Requests.Single(r => r.Action == "GetUser").Field("UserName"));
        Assert.Contains("arn:aws:iam::111111111111:user/eng/bob", rig.Cloud.Account(SmallOrganization.Web).Secrets["key-rotation/bob"].Policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Store_UserGone_NotFoundAndNoSecretLeftBehind()
    {
        var (rig, session) = await OpenAsync();
        using var _ = rig;

        var error = await Assert.ThrowsAsync<ServiceException>(() => session.Secrets.StoreAccessKeyAsync("nobody", Key, CancellationToken.None));

        Assert.Equal(FailureKind.NotFound, error.Kind);
        Assert.Empty(rig.Cloud.Account(SmallOrganization.Web).Secrets);
    }

    [Fact]
    public async Task Store_SecretExists_NewVersionTagsAndPolicy()
    {
        var (rig, session) = await OpenAsync();
        using var _ = rig;
        await session.Secrets.StoreAccessKeyAsync("svc+ci,x=y", Key, CancellationToken.None);
        var next = new NewAccessKey("AKIANEWKEYEXAMPLE002", new SecretText("second"), SmallOrganization.Start);

        var arn = await session.Secrets.StoreAccessKeyAsync("svc+ci,x=y", next, CancellationToken.None);

        var secret = rig.Cloud.Account(SmallOrganization.Web).Secrets["key-rotation/svc+ci=2Cx=3Dy"];
        Assert.Equal(secret.Arn, arn);
        Assert.Equal(2, secret.Versions);
        Assert.Contains("AKIANEWKEYEXAMPLE002", secret.Value, StringComparison.Ordinal);
        Assert.Equal("svc+ci,x=y", secret.Tags["key-rotation:user"]);
        Assert.Equal("AKIANEWKEYEXAMPLE002", secret.Tags["key-rotation:access-key-id"]);
        // The owner-only policy is on the existing secret before the new value is written into it.
        Assert.Equal(["CreateSecret", "PutResourcePolicy", "CreateSecret", "DescribeSecret", "PutResourcePolicy", "PutSecretValue", "TagResource"],
            SecretsCalls(rig));
        Assert.Equal(arn, rig.Cloud.Requests.Single(r => r.Action == "PutSecretValue").JsonString("SecretId"));
        Assert.Equal(arn, rig.Cloud.Requests.Last(r => r.Action == "TagResource").JsonString("SecretId"));
    }

    [Fact]
    public async Task Store_SecretSomeoneElseCreated_RefusedAndNothingWrittenIntoIt()
    {
        var (rig, session) = await OpenAsync(cloud =>
        {
            var squatted = new FakeSecret("key-rotation/bob", "arn:aws:secretsmanager:eu-west-1:111111111111:secret:key-rotation/bob-XyZ123") { Value = "hers", Versions = 1 };
            squatted.Tags["key-rotation:managed"] = "true";
            squatted.Policy = "{\"hers\":true}";
            cloud.Account(SmallOrganization.Web).Secrets[squatted.Name] = squatted;
        });
        using var _ = rig;

        var error = await Assert.ThrowsAsync<ServiceException>(() => session.Secrets.StoreAccessKeyAsync("bob", Key, CancellationToken.None));

        Assert.Equal(SecretStoreErrors.NameTaken, error.Code);
        Assert.Equal(FailureKind.Final, error.Kind);
        Assert.DoesNotContain(Key.SecretAccessKey.Reveal(), error.ToString(), StringComparison.Ordinal);
        var secret = rig.Cloud.Account(SmallOrganization.Web).Secrets["key-rotation/bob"];
        Assert.Equal(("hers", 1, "{\"hers\":true}"), (secret.Value, secret.Versions, secret.Policy));
        Assert.Equal(["CreateSecret", "DescribeSecret"], SecretsCalls(rig));
    }

    [Fact]
    public async Task Store_BreakGlassRole_SparedByThePolicysDeny()
    {
        const string breakGlass = "arn:aws:iam::111111111111:role/security/break-glass";
        using var rig = AwsTestRig.Create(settings: AwsTestRig.Settings with { BreakGlassRoleArn = breakGlass });
        var session = await rig.Adapters.AccountAccess.OpenAsync(SmallOrganization.Web, CancellationToken.None);

        await session.Secrets.StoreAccessKeyAsync("bob", Key, CancellationToken.None);

        Assert.Equal(SecretResourcePolicy.ForOwner("arn:aws:iam::111111111111:user/eng/bob", breakGlass),
            rig.Cloud.Account(SmallOrganization.Web).Secrets["key-rotation/bob"].Policy);
    }

    [Fact]
    public async Task Store_BreakGlassRoleInEveryAccount_NamedInThisAccount()
    {
        using var rig = AwsTestRig.Create(settings: AwsTestRig.Settings with { BreakGlassRoleArn = "arn:aws:iam::*:role/break-glass" });
        var session = await rig.Adapters.AccountAccess.OpenAsync(SmallOrganization.Web, CancellationToken.None);

        await session.Secrets.StoreAccessKeyAsync("bob", Key, CancellationToken.None);

        Assert.Equal(SecretResourcePolicy.ForOwner("arn:aws:iam::111111111111:user/eng/bob", "arn:aws:iam::111111111111:role/break-glass"),
            rig.Cloud.Account(SmallOrganization.Web).Secrets["key-rotation/bob"].Policy);
    }

    [Fact]
    public async Task Describe_AfterStore_NamesTheKeyItHolds()
    {
        var (rig, session) = await OpenAsync();
        using var _ = rig;
        await session.Secrets.StoreAccessKeyAsync("bob", Key, CancellationToken.None);

        var info = await session.Secrets.DescribeAsync("bob", CancellationToken.None);

        Assert.Equal(Key.AccessKeyId, info!.AccessKeyId);
    }

    [Fact]
    public async Task Store_SameKeyTwice_SameIdempotencyToken()
    {
        var (rig, session) = await OpenAsync();
        using var _ = rig;

        await session.Secrets.StoreAccessKeyAsync("alice", Key, CancellationToken.None);
        await session.Secrets.StoreAccessKeyAsync("alice", Key, CancellationToken.None);

        var tokens = rig.Cloud.Requests.Where(r => r.Action is "CreateSecret" or "PutSecretValue").Select(r => r.JsonString("ClientRequestToken")).Distinct().ToList();
        var token = Assert.Single(tokens);
        Assert.Equal(SecretHandOff.RequestToken(Key.AccessKeyId), token);
        Assert.InRange(token!.Length, 32, 64);
        Assert.NotEqual(token, SecretHandOff.RequestToken("AKIAOTHER"));
    }

    [Fact]
    public async Task Store_ServiceEchoesTheSecretInAnError_SecretNotInTheException()
    {
        var (rig, session) = await OpenAsync(cloud => cloud.Fault = r => r.Action == "CreateSecret"
            ? FakeAwsCloud.JsonError(400, "InvalidRequestException", "cannot store " + r.JsonString("SecretString"))
            : null);
        using var _ = rig;

        var error = await Assert.ThrowsAsync<ServiceException>(() => session.Secrets.StoreAccessKeyAsync("alice", Key, CancellationToken.None));

        Assert.Equal(FailureKind.Validation, error.Kind);
        Assert.DoesNotContain("s3cr3t", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("[secret]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_NoSecret_Null()
    {
        var (rig, session) = await OpenAsync();
        using var _ = rig;

        Assert.Null(await session.Secrets.DescribeAsync("bob", CancellationToken.None));
        Assert.Equal(["DescribeSecret"], SecretsCalls(rig));
    }

    [Fact]
    public async Task Describe_OwnSecret_CreatedByThisTool()
    {
        var (rig, session) = await OpenAsync();
        using var _ = rig;
        var arn = await session.Secrets.StoreAccessKeyAsync("bob", Key, CancellationToken.None);

        var info = await session.Secrets.DescribeAsync("bob", CancellationToken.None);

        Assert.Equal(arn, info!.Location);
        Assert.True(info.CreatedByThisTool);
        Assert.Equal("key-rotation/bob", rig.Cloud.Requests[^1].JsonString("SecretId"));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("true", "alice")]
    [InlineData("yes", "bob")]
    public async Task Describe_SecretSomeoneElseCreated_NotCreatedByThisTool(string? managed, string? user)
    {
        var (rig, session) = await OpenAsync(cloud =>
        {
            var squatted = new FakeSecret("key-rotation/bob", "arn:aws:secretsmanager:eu-west-1:111111111111:secret:key-rotation/bob-XyZ123") { Value = "hers", Versions = 1 };
            if (managed is not null) squatted.Tags["key-rotation:managed"] = managed;
            if (user is not null) squatted.Tags["key-rotation:user"] = user;
            cloud.Account(SmallOrganization.Web).Secrets[squatted.Name] = squatted;
        });
        using var _ = rig;

        var info = await session.Secrets.DescribeAsync("bob", CancellationToken.None);

        Assert.False(info!.CreatedByThisTool);
        Assert.Null(info.AccessKeyId);
        Assert.Equal("arn:aws:secretsmanager:eu-west-1:111111111111:secret:key-rotation/bob-XyZ123", info.Location);
    }

    [Fact]
    public void ResourcePolicy_ForOwner_AllowsTheUserArn()
    {
        using var policy = JsonDocument.Parse(SecretResourcePolicy.ForOwner("arn:aws:iam::1:user/p/a+b"));

        Assert.Equal("2012-10-17", policy.RootElement.GetProperty("Version").GetString());
        var allow = policy.RootElement.GetProperty("Statement")[0];
        Assert.Equal("Allow", allow.GetProperty("Effect").GetString());
        Assert.Equal("arn:aws:iam::1:user/p/a+b", allow.GetProperty("Principal").GetProperty("AWS").GetString());
    }

    [Fact]
    public void ResourcePolicy_ForOwner_DeniesReadingToEveryoneButTheOwnerAndBreakGlassRole()
    {
        using var policy = JsonDocument.Parse(
            SecretResourcePolicy.ForOwner("arn:aws:iam::1:user/alice", "arn:aws:iam::1:role/break-glass"));

        var deny = policy.RootElement.GetProperty("Statement")[1];
        Assert.Equal("Deny", deny.GetProperty("Effect").GetString());
        Assert.Equal("*", deny.GetProperty("Principal").GetString());
        Assert.Contains("secretsmanager:GetSecretValue", deny.GetProperty("Action").EnumerateArray().Select(a => a.GetString()));
        var spared = deny.GetProperty("Condition").GetProperty("StringNotEquals").GetProperty("aws:PrincipalArn")
            .EnumerateArray().Select(a => a.GetString()!).ToArray();
        Assert.Equal(["arn:aws:iam::1:user/alice", "arn:aws:iam::1:role/break-glass"], spared);
    }

    [Fact]
    public async Task Store_SecretsKmsKeyGiven_NewSecretCreatedWithThatKey()
    {
        using var rig = AwsTestRig.Create(settings: AwsTestRig.Settings with { SecretsKmsKeyId = "alias/key-rotation-secrets" });
        var session = await rig.Adapters.AccountAccess.OpenAsync(SmallOrganization.Web, CancellationToken.None);

        await session.Secrets.StoreAccessKeyAsync("bob", Key, CancellationToken.None);

        var create = rig.Cloud.Requests.Single(r => r.Action == "CreateSecret");
        Assert.Equal("alias/key-rotation-secrets", create.Json.GetProperty("KmsKeyId").GetString());
    }

    [Fact]
    public async Task Store_NoSecretsKmsKey_CreateNamesNoKey()
    {
        var (rig, session) = await OpenAsync();
        using var owned = rig;

        await session.Secrets.StoreAccessKeyAsync("bob", Key, CancellationToken.None);

        Assert.False(rig.Cloud.Requests.Single(r => r.Action == "CreateSecret").Json.TryGetProperty("KmsKeyId", out var _));
    }

    [Theory]
    [InlineData("alias/key-rotation-secrets", true)]
    [InlineData("arn:aws:kms:eu-west-1:111111111111:key/0000abcd-12ab-34cd-56ef-1234567890ab", true)]
    [InlineData("0000abcd-12ab-34cd-56ef-1234567890ab", true)]
    [InlineData("key-rotation-secrets", false)]
    [InlineData("alias/", false)]
    public void Settings_SecretsKmsKeyId_ValidatedAsAnAliasKeyIdOrArn(string key, bool valid)
    {
        var problems = (AwsTestRig.Settings with { SecretsKmsKeyId = key }).Validate();

        Assert.Equal(valid, !problems.Any(p => p.StartsWith("SecretsKmsKeyId", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Describe_TagsCopiedButSomeoneElsesKmsKey_NotCreatedByThisTool()
    {
        var (rig, session) = await OpenAsync(cloud =>
        {
            var squatted = new FakeSecret("key-rotation/bob", "arn:aws:secretsmanager:eu-west-1:111111111111:secret:key-rotation/bob-AbCdEf")
            {
                KmsKeyId = "arn:aws:kms:eu-west-1:111111111111:key/0000abcd-12ab-34cd-56ef-1234567890ab",
            };
            squatted.Tags["key-rotation:managed"] = "true";
            squatted.Tags["key-rotation:user"] = "bob";
            cloud.Account(SmallOrganization.Web).Secrets["key-rotation/bob"] = squatted;
        });
        using var owned = rig;

        var described = await session.Secrets.DescribeAsync("bob", CancellationToken.None);

        Assert.NotNull(described);
        Assert.False(described.CreatedByThisTool);
    }
}
