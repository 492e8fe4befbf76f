using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using KeyRotation.Cli.Tests.Support;
using KeyRotation.Testing.AwsStub;
using KeyRotation.Testing.Moto;
using Xunit.Abstractions;

namespace KeyRotation.Cli.Tests.EndToEnd;

/// <summary>
/// keyrotation revoke against moto (an independent AWS emulator): an organization of four member accounts, users
/// and keys seeded in each, the real CLI pointed at moto through a counting proxy. moto 5.2.1 answers STS
/// GetAccessKeyInfo (it looks the key up in every account's IAM), Organizations DescribeAccount and IAM
/// GetAccessKeyLastUsed with the user's name, so no call needs the in-process stub. moto checks no IAM policy and
/// lets any role be assumed, so the role-missing error is proven on the simulation instead.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class RevokeMotoTests(MotoServer moto, ITestOutputHelper output)
{
    private const string Management = MotoServer.DefaultAccountId;

    [MotoFact]
    public async Task Revoke_KeyAmongManyAccounts_DeactivatesOnlyThatKeyAndHandsOverTheReplacement()
    {
        await moto.ResetAsync();
        using var seed = new MotoSeed(moto.Endpoint);
        await seed.JsonAsync("organizations", "AWSOrganizationsV20161128.CreateOrganization", """{"FeatureSet":"ALL"}""");
        var accounts = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var created = await seed.JsonAsync("organizations", "AWSOrganizationsV20161128.CreateAccount",
                $$"""{"Email":"acct{{i}}@example.com","AccountName":"acct-{{i}}"}""");
            accounts.Add(created.GetProperty("CreateAccountStatus").GetProperty("AccountId").GetString()!);
        }

        var keys = new Dictionary<(string Account, string User), string>();
        foreach (var account in accounts)
        {
            foreach (var user in new[] { "alice", "bob", "carol" })
            {
                await seed.QueryAsync("iam", account, ("Action", "CreateUser"), ("Version", "2010-05-08"), ("UserName", user));
                await seed.QueryAsync("iam", account, ("Action", "TagUser"), ("Version", "2010-05-08"), ("UserName", user),
                    ("Tags.member.1.Key", "key-rotation:owner"), ("Tags.member.1.Value", $"{user}@example.com"));
                var key = await seed.QueryAsync("iam", account, ("Action", "CreateAccessKey"), ("Version", "2010-05-08"), ("UserName", user));
                keys[(account, user)] = key.Descendants().First(e => e.Name.LocalName == "AccessKeyId").Value;
            }
        }

        var topic = await seed.QueryAsync("sns", Management, ("Action", "CreateTopic"), ("Name", "key-rotation"));
        var topicArn = topic.Descendants().First(e => e.Name.LocalName == "TopicArn").Value;
        var (targetAccount, targetUser) = (accounts[2], "bob");
        var target = keys[(targetAccount, targetUser)];

        string[] flags = ["--access-key-id", target, "--reason", "pasted in a public repository (INC-42)", "--replace",
            "--without-audit-table", "--region", "us-east-1", "--external-id", "moto-external-id", "--topic-arn", topicArn,
            "--output", "json"];
        // The dry run first: it changes nothing, and it warms this process up (JIT, SDK start-up: about 1.5 s here),
        // so the clock below measures the revoke, as a warm Lambda or a second command would see it.
        using (var dry = new CountingProxy(moto.Endpoint))
        {
            var planned = await CliRun.Of(["revoke", .. flags, "--endpoint-url", dry.Url]);
            Assert.True(planned.ExitCode == 0, planned.Out + planned.Error);
            Assert.Equal(keys.Count, (await Task.WhenAll(keys.Select(k => seed.KeysAsync(k.Key.Account, k.Key.User))))
                .Count(listed => listed.Values.Single() == "Active"));
            output.WriteLine($"dry run: {dry.Requests.Count} requests");
        }

        using var proxy = new CountingProxy(moto.Endpoint);
        var clock = Stopwatch.StartNew();
        var run = await CliRun.Of(["revoke", .. flags, "--confirm", "--endpoint-url", proxy.Url]);
        clock.Stop();
        output.WriteLine($"revoke --replace: {clock.ElapsedMilliseconds} ms, {proxy.Requests.Count} requests:");
        foreach (var request in proxy.Requests) output.WriteLine("  " + request);
        output.WriteLine(run.Out);
        output.WriteLine(run.Error);

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        var report = run.Json();
        Assert.Equal((targetAccount, targetUser), (report.GetProperty("accountId").GetString(), report.GetProperty("userName").GetString()));
        foreach (var ((account, user), key) in keys)
        {
            var listed = await seed.KeysAsync(account, user);
            Assert.Equal(key == target ? "Inactive" : "Active", listed[key]);
            Assert.Equal(key == target ? 2 : 1, listed.Count);
        }

        var replacement = (await seed.KeysAsync(targetAccount, targetUser)).Single(k => k.Key != target).Key;
        var secret = await seed.JsonAsync("secretsmanager", "secretsmanager.GetSecretValue", $$"""{"SecretId":"key-rotation/{{targetUser}}"}""", targetAccount);
        using var stored = JsonDocument.Parse(secret.GetProperty("SecretString").GetString()!);
        Assert.Contains(replacement, stored.RootElement.ToString(), StringComparison.Ordinal);
        var secretAccessKey = stored.RootElement.EnumerateObject().First(p => p.Value.ValueKind == JsonValueKind.String
            && p.Value.GetString() is { Length: 40 } && p.Name.Contains("ecret", StringComparison.Ordinal)).Value.GetString()!;
        Assert.DoesNotContain(secretAccessKey, run.Out + run.Error, StringComparison.Ordinal);

        // A handful of requests, whatever the organization's size: no listing, no discovery. The account is read
        // afresh with its OU path (DescribeAccount, its tags, ListParents up to the root with each OU's tags).
        Assert.DoesNotContain(proxy.Requests, r => r.Contains("ListAccounts", StringComparison.Ordinal) || r.Contains("ListUsers", StringComparison.Ordinal));
        Assert.InRange(proxy.Requests.Count, 1, 20);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"revoke took {clock.Elapsed}");
    }

    [MotoFact]
    public async Task Revoke_KeyOfAnAccountOutsideTheOrganization_AccountOutsideOrganizationExit2()
    {
        await moto.ResetAsync();
        using var seed = new MotoSeed(moto.Endpoint);
        await seed.JsonAsync("organizations", "AWSOrganizationsV20161128.CreateOrganization", """{"FeatureSet":"ALL"}""");
        const string outsider = "444455556666";
        await seed.QueryAsync("iam", outsider, ("Action", "CreateUser"), ("Version", "2010-05-08"), ("UserName", "mallory"));
        var key = (await seed.QueryAsync("iam", outsider, ("Action", "CreateAccessKey"), ("Version", "2010-05-08"), ("UserName", "mallory")))
            .Descendants().First(e => e.Name.LocalName == "AccessKeyId").Value;

        var run = await CliRun.Of("revoke", "--access-key-id", key, "--reason", "INC-43", "--confirm", "--without-audit-table",
            "--endpoint-url", moto.Endpoint, "--region", "us-east-1", "--external-id", "moto-external-id");

        Assert.True(run.ExitCode == 2, run.Out + run.Error);
        Assert.Contains("error: AccountOutsideOrganization: ", run.Error, StringComparison.Ordinal);
        Assert.Equal("Active", (await seed.KeysAsync(outsider, "mallory"))[key]);
    }
}
