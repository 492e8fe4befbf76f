using KeyRotation.Cli.Hosting;
using System.Text.Json;
using KeyRotation.Cli.Tests.Support;

namespace KeyRotation.Cli.Tests.Aws;

/// <summary>
/// plan and run against AWS, as a user types them, over HTTP against the stub's organization: Web (alice 100 days
/// old and in use, bob 200 days old and in use with a spare inactive key, "svc+ci,x=y" 95 days and never used,
/// carol without keys), Sandbox (dave, 10 days), and a suspended and a closed account.
/// </summary>
public sealed class AwsRunTests : IDisposable
{
    /// <summary>Tight enough that every kind of mutation is due somewhere in the stub's organization.</summary>
    private static readonly string[] Policy = ["--rotate-after-days", "90", "--deactivate-after-days", "95", "--delete-after-days", "100"];

    private static readonly string[] MutatingCalls = ["CreateAccessKey", "UpdateAccessKey", "DeleteAccessKey", "CreateSecret", "PutSecretValue", "Publish"];

    private readonly AwsCli cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task Plan_StubOrganization_ListsTheDueActionsAndChangesNothing()
    {
        var plan = await cli.Plan(Policy);

        Assert.True(plan.ExitCode == ExitCodes.Success, plan.ToString());
        var rows = ReportRow.From(plan.Json()).Select(r => (r.AccountId, r.UserName, r.AccessKeyId, r.Action, r.Reason, r.Outcome));
        Assert.Equal(
        [
            ("111111111111", "alice", null, "CreateKey", "RotationDue", "Planned"),
            ("111111111111", "alice", "AKIAALICEEXAMPLE0001", "Warn", "StillInUse", "Planned"),
            ("111111111111", "bob", "AKIABOBEXAMPLE000002", "DeleteKey", "SlotNeededForRotation", "Planned"),
            ("111111111111", "bob", null, "CreateKey", "RotationDue", "Planned"),
            ("111111111111", "bob", "AKIABOBEXAMPLE000001", "Warn", "StillInUse", "Planned"),
            ("111111111111", "svc+ci,x=y", null, "CreateKey", "RotationDue", "Planned"),
            ("111111111111", "svc+ci,x=y", "AKIACIEXAMPLE0000001", "DeactivateKey", "NeverUsed", "Planned"),
        ], rows);
        var accounts = plan.Json().GetProperty("accounts").EnumerateArray()
            .Select(a => (a.GetProperty("accountId").GetString(), a.GetProperty("status").GetString()));
        Assert.Equal([("111111111111", "Processed"), ("222222222222", "Processed"), ("333333333333", "Skipped"), ("444444444444", "Skipped")], accounts);
        Assert.True(plan.Json().GetProperty("dryRun").GetBoolean());
        Assert.DoesNotContain(cli.Cloud.Requests, r => MutatingCalls.Contains(r.Action));
    }

    [Fact]
    public async Task Run_Confirmed_CreatesStoresDeactivatesDeletesAndNotifies()
    {
        var run = await cli.Rotate(Policy);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.All(ReportRow.From(run.Json()), r => Assert.Equal("Succeeded", r.Outcome));
        var web = cli.Cloud.Account(SmallOrganization.Web);
        FakeKey[] Keys(string user) => [.. web.Users.Single(u => u.Name == user).Keys];
        Assert.Equal(["key-rotation/alice", "key-rotation/bob", "key-rotation/svc+ci=2Cx=3Dy"], web.Secrets.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(cli.Cloud.IssuedSecrets.Order(StringComparer.Ordinal), web.Secrets.Values
            .Select(s => JsonDocument.Parse(s.Value!).RootElement.GetProperty("SecretAccessKey").GetString()).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(Keys("bob"), k => k.Id == "AKIABOBEXAMPLE000002");
        Assert.Equal("Inactive", Keys("svc+ci,x=y").Single(k => k.Id == "AKIACIEXAMPLE0000001").Status);
        Assert.All(new[] { "alice", "bob", "svc+ci,x=y" }, user => Assert.Single(Keys(user), k => k.Id.StartsWith("AKIANEW", StringComparison.Ordinal)));
        Assert.Empty(cli.Cloud.Account(SmallOrganization.Sandbox).Secrets);
        Assert.Equal(
            ["KeyCreated", "KeyCreated", "KeyCreated", "KeyDeactivated", "KeyDeleted", "StillInUse", "StillInUse"],
            cli.Cloud.Published.Select(p => p.Attributes["event"]).Order(StringComparer.Ordinal));
        Assert.All(cli.Cloud.Published, p => Assert.Equal(AwsCli.TopicArn, p.TopicArn));
    }

    [Fact]
    public async Task Run_IamRequestsThrottledOnce_RetriedInsideTheClientsAndCountedInTheReport()
    {
        var throttled = new HashSet<string>(StringComparer.Ordinal);
        bool FirstOf(string action)
        {
            lock (throttled) return throttled.Add(action);
        }

        cli.Cloud.Fault = r => r.Action is "GetAccountAuthorizationDetails" or "ListAccessKeys" && FirstOf(r.Action)
            ? FakeAwsCloud.QueryError("iam", 400, "Throttling", "Rate exceeded")
            : null;

        var run = await cli.Rotate(Policy);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(["GetAccountAuthorizationDetails", "ListAccessKeys"], throttled.Order(StringComparer.Ordinal));
        Assert.Equal(2, run.Json().GetProperty("summary").GetProperty("retries").GetInt64());
        Assert.All(ReportRow.From(run.Json()), r => Assert.Equal("Succeeded", r.Outcome));
    }

    [Fact]
    public async Task Run_Confirmed_ActsAsTheCallerThroughTheMemberRoleWithTheExternalId()
    {
        var run = await cli.Rotate(Policy);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(
            ["arn:aws:iam::111111111111:role/KeyRotationMemberRole", "arn:aws:iam::222222222222:role/KeyRotationMemberRole"],
            cli.Cloud.AssumedRoleArns.Order(StringComparer.Ordinal));
        Assert.All(cli.Cloud.Requests.Where(r => r.Action == "AssumeRole"), r =>
        {
            Assert.Equal(AwsCli.ExternalId, r.Field("ExternalId"));
            Assert.Equal("key-rotation", r.Field("SourceIdentity"));
            Assert.StartsWith("key-rotation-2025-06-01T12-00-00Z-", r.Field("RoleSessionName"), StringComparison.Ordinal);
        });
        Assert.Contains($"AWS as {cli.Cloud.CallerArn} (account {cli.Cloud.CallerAccount})", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_AfterConfirmedRun_PlansNoMutation()
    {
        var run = await cli.Rotate(Policy);
        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());

        var replan = await cli.Plan(Policy);

        Assert.True(replan.ExitCode == ExitCodes.Success, replan.ToString());
        var rows = ReportRow.From(replan.Json());
        Assert.DoesNotContain(rows, r => r.IsMutation);
        Assert.Equal(["alice", "bob"], rows.Where(r => r.Action == "Warn").Select(r => r.UserName));
    }

    [Fact]
    public async Task Run_WithoutConfirm_RefusesPointingAtPlanAndContactsNothing()
    {
        var run = await cli.Run(["run", .. cli.Connection, "--topic-arn", AwsCli.TopicArn, .. Policy]);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("needs --confirm", run.Error, StringComparison.Ordinal);
        Assert.Contains("keyrotation plan", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
        Assert.Empty(cli.Cloud.Requests);
    }

    [Fact]
    public async Task Run_Confirmed_NoSecretOrExternalIdInOutput()
    {
        var table = await cli.Run(["run", .. cli.Connection, "--topic-arn", AwsCli.TopicArn, "--confirm", "--without-audit-table", .. Policy]);
        var json = await cli.Plan(Policy);

        Assert.Equal(3, cli.Cloud.IssuedSecrets.Count);
        foreach (var text in new[] { table.Out, table.Error, json.Out, json.Error })
        {
            Assert.All(cli.Cloud.IssuedSecrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
            Assert.DoesNotContain(AwsCli.ExternalId, text, StringComparison.Ordinal);
        }

        Assert.All(cli.Cloud.Published, p => Assert.All(cli.Cloud.IssuedSecrets, secret =>
            Assert.DoesNotContain(secret, p.Subject + p.Message, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Plan_NoTopicNoAuditTable_WarnsThatNotificationsAreOffAndHistoryIsNotKept()
    {
        var plan = await cli.Plan();

        Assert.Equal(ExitCodes.Success, plan.ExitCode);
        Assert.Contains("warning: no --topic-arn, so owner notifications are off", plan.Error, StringComparison.Ordinal);
        Assert.Contains("warning: no --audit-table", plan.Error, StringComparison.Ordinal);
        Assert.Contains("not persisted", plan.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AuditTableMissing_AskedWithTheSameConnectionAndNothingChanged()
    {
        // The stub has no DynamoDB; it answers as DynamoDB does for a table that does not exist.
        cli.Cloud.Fault = r => r.SigningService == "dynamodb"
            ? FakeAwsCloud.JsonError(400, "ResourceNotFoundException", "Requested resource not found: Table: key-rotation-audit not found")
            : null;

        var run = await cli.Rotate([.. Policy, "--audit-table", "key-rotation-audit"]);

        Assert.Equal(ExitCodes.AuditIncomplete, run.ExitCode);
        Assert.Contains("audit store is not writable", run.Error, StringComparison.Ordinal);
        Assert.Contains($"(create the table with: keyrotation audit create-table --table key-rotation-audit --endpoint-url {cli.Endpoint} --region us-east-1)",
            run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("warning: no --audit-table", run.Error, StringComparison.Ordinal);
        var dynamo = cli.Cloud.Requests.Where(r => r.SigningService == "dynamodb").ToList();
        Assert.NotEmpty(dynamo);
        Assert.All(dynamo, r =>
        {
            Assert.Contains("\"TableName\":\"key-rotation-audit\"", r.Body, StringComparison.Ordinal);
            Assert.Equal("us-east-1", r.SigningRegion);
        });
        Assert.DoesNotContain(cli.Cloud.Requests, r => MutatingCalls.Contains(r.Action) || r.SigningService == "iam");
    }

    [Fact]
    public async Task Plan_EndpointAndRegionFromVariables_ReachesTheStub()
    {
        cli.Variables["AWS_ENDPOINT_URL"] = cli.Endpoint;
        cli.Variables["AWS_REGION"] = "us-east-1";
        cli.Variables["KEYROTATION_EXTERNAL_ID"] = AwsCli.ExternalId;

        var plan = await cli.Run("plan", "--output", "json");

        Assert.True(plan.ExitCode == ExitCodes.Success, plan.ToString());
        Assert.Contains(cli.Cloud.Requests, r => r.Action == "AssumeRole" && r.Field("ExternalId") == AwsCli.ExternalId);
    }

    [Fact]
    public async Task Plan_RoleName_AssumesThatRole()
    {
        var plan = await cli.Plan("--role-name", "OrgKeyRotator");

        Assert.True(plan.ExitCode == ExitCodes.Success, plan.ToString());
        Assert.All(cli.Cloud.AssumedRoleArns, arn => Assert.EndsWith(":role/OrgKeyRotator", arn, StringComparison.Ordinal));
        Assert.Contains("member role OrgKeyRotator", plan.Error, StringComparison.Ordinal);
    }
}
