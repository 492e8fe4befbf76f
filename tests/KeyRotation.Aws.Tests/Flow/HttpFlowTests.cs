using KeyRotation.Aws.Configuration;
using KeyRotation.Aws.Tests.Support;
using KeyRotation.Aws.Variables;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;
using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Aws.Tests.Flow;

/// <summary>
/// The real adapters over real HTTP against a stub on 127.0.0.1, each service routed by its own endpoint variable
/// (SNS by the global one): a whole rotation of a small organization.
/// </summary>
public sealed class HttpFlowTests : IDisposable
{
    private readonly FakeTimeProvider time = new(SmallOrganization.Start);
    private readonly FakeAwsCloud cloud;
    private readonly StubHttpServer server;
    private readonly AwsAdapters adapters;
    private readonly List<string> errors = [];

    public HttpFlowTests()
    {
        cloud = SmallOrganization.Create(time);
        cloud.ExpectedExternalId = "org-external-id";
        server = new StubHttpServer(cloud.Handle);
        var environment = new DictionaryEnvironmentVariables(new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = server.Url("all").ToString(),
            ["AWS_ENDPOINT_URL_IAM"] = server.Url("iam").ToString(),
            ["AWS_ENDPOINT_URL_ORGANIZATIONS"] = server.Url("orgs/").ToString(),
            ["AWS_ENDPOINT_URL_STS"] = server.Url("sts").ToString(),
            ["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = server.Url("secrets/").ToString(),
            ["AWS_REGION"] = "eu-west-1",
        });
        // Per key: the hand-rolled rotation below acts on discovered key ids, which bulk discovery leaves as placeholders.
        adapters = AwsAdapters.Create(AwsTestRig.Settings with { Region = null, Discovery = new() { Mode = DiscoveryMode.PerKey } }, time, environment,
            TestCredentials.Central);
    }

    public void Dispose()
    {
        adapters.Dispose();
        server.Dispose();
    }

    /// <summary>A rotation in miniature: for every active key older than 90 days, make room, create, store, deactivate, notify.</summary>
    private async Task RotateAsync()
    {
        foreach (var account in (await adapters.Directory.ListAccountsAsync(CancellationToken.None)).Where(a => a.State == AccountState.Active))
        {
            var session = await adapters.AccountAccess.OpenAsync(account.AccountId, CancellationToken.None);
            foreach (var user in await session.Identity.DiscoverUsersAsync(CancellationToken.None))
            {
                var old = user.AccessKeys.FirstOrDefault(k => k.Status == AccessKeyStatus.Active && time.GetUtcNow() - k.CreatedAt > TimeSpan.FromDays(90));
                if (old is null) continue;
                foreach (var spare in user.AccessKeys.Where(k => k.Status == AccessKeyStatus.Inactive))
                {
                    await session.Identity.DeleteAccessKeyAsync(user.UserName, spare.AccessKeyId, CancellationToken.None);
                }

                var key = await session.Identity.CreateAccessKeyAsync(user.UserName, CancellationToken.None);
                string where;
                try
                {
                    where = await session.Secrets.StoreAccessKeyAsync(user.UserName, key, CancellationToken.None);
                }
                catch (ServiceException e)
                {
                    errors.Add(e.ToString());
                    await session.Identity.DeleteAccessKeyAsync(user.UserName, key.AccessKeyId, CancellationToken.None);
                    continue;
                }

                await session.Identity.UpdateAccessKeyStatusAsync(user.UserName, old.AccessKeyId, AccessKeyStatus.Inactive, CancellationToken.None);
                await adapters.Notifier.PublishAsync(new Notification($"Access key of {user.UserName} rotated",
                    $"New key {key.AccessKeyId} is in {where}; old key {old.AccessKeyId} is inactive. {key}",
                    new Dictionary<string, string>
                    {
                        ["event"] = "KeyRotated", ["account"] = account.AccountId, ["user"] = user.UserName,
                        ["owner"] = user.Tags.GetValueOrDefault("key-rotation:owner", ""), ["severity"] = "info",
                    }), CancellationToken.None);
            }
        }
    }

    [Fact]
    public async Task Rotation_OverHttp_RotatesOldKeysAndStoresSecrets()
    {
        await RotateAsync();

        var web = cloud.Account(SmallOrganization.Web);
        Assert.Equal(["key-rotation/alice", "key-rotation/bob", "key-rotation/svc+ci=2Cx=3Dy"], web.Secrets.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Inactive", web.Users.Single(u => u.Name == "alice").Keys[0].Status);
        Assert.Equal(["AKIABOBEXAMPLE000001", "Inactive"], new[] { web.Users.Single(u => u.Name == "bob").Keys[0].Id, web.Users.Single(u => u.Name == "bob").Keys[0].Status });
        Assert.Equal(2, web.Users.Single(u => u.Name == "bob").Keys.Count);
        Assert.Empty(cloud.Account(SmallOrganization.Sandbox).Secrets);
        Assert.Equal(3, cloud.Published.Count);
        Assert.Equal("alice@example.com", cloud.Published.Single(p => p.Attributes["user"] == "alice").Attributes["owner"]);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Rotation_OverHttp_EachServiceAtItsOverrideSignedForItsScope()
    {
        await RotateAsync();

        var expected = new Dictionary<string, (string Path, string Region)>
        {
            ["organizations"] = ("/orgs/", "us-east-1"),
            ["sts"] = ("/sts/", "eu-west-1"),
            ["iam"] = ("/iam/", "us-east-1"),
            ["secretsmanager"] = ("/secrets/", "eu-west-1"),
            ["sns"] = ("/all/", "eu-west-1"),
        };
        Assert.Equal(expected.Keys.Order(), cloud.Requests.Select(r => r.SigningService!).Distinct().Order());
        Assert.All(cloud.Requests, r =>
        {
            Assert.True(r.IsSigned, $"unsigned request to {r.Url}");
            Assert.Equal(expected[r.SigningService!], (r.Url.AbsolutePath, r.SigningRegion!));
            Assert.Equal("POST", r.Method);
        });
    }

    [Fact]
    public async Task Rotation_OverHttp_MemberCallsCarryTheSessionTokenCentralCallsDoNot()
    {
        await RotateAsync();

        Assert.All(cloud.Requests, r =>
        {
            if (r.SigningService is "iam" or "secretsmanager")
            {
                var session = cloud.Sessions[r.AccessKeyId!];
                Assert.Equal(session.Token, r.SecurityToken);
                Assert.Contains("x-amz-security-token", r.Scope.Groups["headers"].Value, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal(TestCredentials.AccessKeyId, r.AccessKeyId);
                Assert.Null(r.SecurityToken);
            }
        });
        Assert.Equal(2, cloud.Sessions.Count);
        Assert.Equal(cloud.Sessions.Values.Select(s => s.Account).Order(), new[] { SmallOrganization.Web, SmallOrganization.Sandbox }.Order());
    }

    [Fact]
    public async Task Rotation_OverHttp_EveryPageFollowed()
    {
        cloud.AccountsPageSize = 1;
        await RotateAsync();

        Assert.Equal([null, "ListAccountsForParent/r-root/1", "ListAccountsForParent/r-root/2"], cloud.Requests
            .Where(r => r.Action == "ListAccountsForParent" && r.JsonString("ParentId") == FakeAwsCloud.RootId).Select(r => r.JsonString("NextToken")));
        var webUsers = cloud.Requests.Where(r => r.Action == "ListUsers" && cloud.Sessions[r.AccessKeyId!].Account == SmallOrganization.Web);
        Assert.Equal([null, "2"], webUsers.Select(r => r.Field("Marker")));
    }

    [Fact]
    public async Task Rotation_OverHttp_NewSecretsOnlyEverSentToSecretsManager()
    {
        // dave's secret exists already and the service answers PutSecretValue with an error that echoes the value.
        cloud.Account(SmallOrganization.Sandbox).Users.Single().Keys[0] = new FakeKey("AKIADAVEEXAMPLE00001", "dave-secret", "Active", SmallOrganization.Start.AddDays(-120));
        // It is the tool's own secret from an earlier rotation (tagged so); one anybody else made would get no key.
        cloud.Account(SmallOrganization.Sandbox).Secrets["key-rotation/dave"] = new FakeSecret("key-rotation/dave", "arn:aws:secretsmanager:eu-west-1:222222222222:secret:key-rotation/dave-x")
        {
            Tags = { ["key-rotation:managed"] = "true", ["key-rotation:user"] = "dave" },
        };
        cloud.Fault = r => r.Action == "PutSecretValue"
            ? FakeAwsCloud.JsonError(400, "InvalidRequestException", "rejected " + r.JsonString("SecretString"))
            : null;

        await RotateAsync();

        Assert.Equal(4, cloud.IssuedSecrets.Count);
        var error = Assert.Single(errors);
        Assert.Contains("InvalidRequestException", error, StringComparison.Ordinal);
        Assert.Contains("rejected [secret]", error, StringComparison.Ordinal);
        var toSecretsManager = cloud.Requests.Where(r => r.Action is "CreateSecret" or "PutSecretValue").Select(r => r.Body).ToList();
        var everythingElse = cloud.Requests.Where(r => r.Action is not ("CreateSecret" or "PutSecretValue"))
            .Select(r => r.Body + string.Join("\n", r.Headers.Values))
            .Concat(cloud.Published.Select(p => p.Subject + p.Message + string.Join(",", p.Attributes.Values)))
            .Concat(errors)
            .ToList();
        Assert.All(cloud.IssuedSecrets, secret =>
        {
            Assert.Contains(toSecretsManager, body => body.Contains(secret, StringComparison.Ordinal));
            Assert.All(everythingElse, text => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task Profile_Missing_CredentialsUnavailableBeforeAnyRequest()
    {
        using var missing = AwsAdapters.Create(
            new AwsSettings { RunId = "r", Region = "eu-west-1", Profile = "key-rotation-tests-no-such-profile-7f3a" },
            time, new DictionaryEnvironmentVariables(new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = server.Url().ToString() }));

        var error = await Assert.ThrowsAsync<ServiceException>(() => missing.Directory.ListAccountsAsync(CancellationToken.None));

        Assert.Equal(("CredentialsUnavailable", FailureKind.Final), (error.Code, error.Kind));
        Assert.Contains("key-rotation-tests-no-such-profile-7f3a", error.Message, StringComparison.Ordinal);
        Assert.Empty(cloud.Requests);
    }
}
