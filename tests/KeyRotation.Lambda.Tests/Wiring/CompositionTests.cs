using System.Text.Json;
using KeyRotation.Core.Audit;
using KeyRotation.Lambda.Configuration;
using KeyRotation.Lambda.Hosting;
using KeyRotation.Lambda.Runtime;
using KeyRotation.Lambda.Tests.Support;

namespace KeyRotation.Lambda.Tests.Wiring;

/// <summary>
/// The composed host's engine modes against the stub's organization over HTTP: Web (111111111111) has alice and bob
/// due for rotation while still using their keys, bob a spare inactive key in the way, and "svc+ci,x=y" a never-used
/// key due for deactivation; Sandbox (222222222222) has nothing due; two more accounts are suspended and closed.
/// </summary>
public sealed class CompositionTests : IDisposable
{
    private const string Web = "111111111111";
    private readonly ComposedHost host = new();

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task RotateAccount_Web_RotatesThroughTheMemberRoleAndAuditsAsTheFunction()
    {
        await host.RunAsync(("rotate", $$"""{"mode":"rotate-account","accountId":"{{Web}}","runId":"fan-out-1"}"""));

        Assert.Empty(host.Client!.Errors);
        var result = host.Response("rotate");
        Assert.Equal("Processed", result.GetProperty("status").GetString());
        Assert.Equal(3, result.GetProperty("actionCounts").GetProperty("CreateKey").GetInt32());
        Assert.Equal(1, result.GetProperty("actionCounts").GetProperty("DeactivateKey").GetInt32());
        Assert.Equal(1, result.GetProperty("actionCounts").GetProperty("DeleteKey").GetInt32());
        var web = host.Cloud.Account(Web);
        Assert.Equal(["key-rotation/alice", "key-rotation/bob", "key-rotation/svc+ci=2Cx=3Dy"], web.Secrets.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Inactive", web.Users.Single(u => u.Name == "svc+ci,x=y").Keys.Single(k => k.Id == "AKIACIEXAMPLE0000001").Status);
        Assert.Equal([$"arn:aws:iam::{Web}:role/KeyRotationMemberRole"], host.Cloud.AssumedRoleArns);
        Assert.Equal("key-rotation-fan-out-1", host.Cloud.Requests.Single(r => r.Action == "AssumeRole").Field("RoleSessionName"));
        // Given only an account id, the host reads that one account afresh, on the configured table.
        Assert.Equal([FakeEnvironment.Valid()[EnvironmentVariables.AuditTable]], host.AuditTables.Distinct());
        Assert.Equal(["DescribeAccount", "ListParents", "ListTagsForResource"],
            host.Cloud.Requests.Where(r => r.SigningService == "organizations").Select(r => r.Action).Distinct().Order(StringComparer.Ordinal));
        // Outcomes; each change's intent (written before it) is there too and named by its outcome.
        var mutations = host.Audit.Events.Where(e => e.Action is "CreateKey" or "DeactivateKey" or "DeleteKey" && !e.IsIntent).ToList();
        Assert.Equal(5, mutations.Count);
        Assert.All(mutations, e => Assert.Single(host.Audit.Events, i => i.IsIntent && i.EventId == e.IntentId));
        Assert.All(mutations, e => Assert.Equal((ComposedHost.FunctionArn, "fan-out-1", AuditOutcome.Succeeded), (e.Actor, e.RunId, e.Outcome)));
    }

    [Fact]
    public async Task RotateAccount_TurnsTableConfigured_EveryOrganizationsRequestTakesItsTurnThere()
    {
        host.Environment.Set(EnvironmentVariables.OrganizationsTurnsTable, "key-rotation-turns");

        await host.RunAsync(("rotate", $$"""{"mode":"rotate-account","accountId":"{{Web}}","runId":"fan-out-1"}"""));

        Assert.Empty(host.Client!.Errors);
        Assert.Equal(["key-rotation-turns"], host.TurnsTables);
        // The account, its parents up to the root and their tags: every one of them took a turn.
        var requests = host.Cloud.Requests.Count(r => r.SigningService == "organizations");
        Assert.True(requests >= 3, $"{requests} Organizations requests");
        // One take per request, and the restart of a table nobody used before.
        Assert.Equal(requests + 1, host.Turns.Writes);
    }

    [Fact]
    public async Task RotateAccount_NoTurnsTable_PacesAloneAndOpensNone()
    {
        await host.RunAsync(("rotate", $$"""{"mode":"rotate-account","accountId":"{{Web}}","runId":"fan-out-1"}"""));

        Assert.Empty(host.Client!.Errors);
        Assert.Empty(host.TurnsTables);
        Assert.Equal(0, host.Turns.Writes);
    }

    [Fact]
    public async Task Sweep_WholeOrganization_RotatesNotifiesAndFilesTheRunUnderTheCallersAccount()
    {
        await host.RunAsync(("sweep", """{"mode":"sweep"}"""));

        Assert.Empty(host.Client!.Errors);
        var summary = host.Response("sweep").GetProperty("summary");
        Assert.Equal((4, 2, 2, 0), (summary.GetProperty("accounts").GetInt32(), summary.GetProperty("processed").GetInt32(),
            summary.GetProperty("skipped").GetInt32(), summary.GetProperty("failed").GetInt32()));
        Assert.Equal(3, host.Cloud.IssuedSecrets.Count);
        var topic = FakeEnvironment.Valid()[EnvironmentVariables.TopicArn];
        Assert.Equal(
            ["KeyCreated", "KeyCreated", "KeyCreated", "KeyDeactivated", "KeyDeleted", "StillInUse", "StillInUse"],
            host.Cloud.Published.Select(p => p.Attributes["event"]).Order(StringComparer.Ordinal));
        Assert.All(host.Cloud.Published, p => Assert.Equal(topic, p.TopicArn));
        var runEvents = host.Audit.Events.Where(e => e.Action is AuditAction.RunStarted or AuditAction.RunFinished).ToList();
        Assert.Equal(2, runEvents.Count);
        Assert.All(runEvents, e => Assert.Equal((host.Cloud.CallerAccount, ComposedHost.FunctionArn), (e.AccountId, e.Actor)));
    }

    [Fact]
    public async Task Sweep_Twice_SecondInvocationChangesNothing()
    {
        await host.RunAsync(("first", """{"mode":"sweep"}"""), ("second", """{"mode":"sweep"}"""));

        Assert.Empty(host.Client!.Errors);
        var second = host.Response("second");
        var actions = second.GetProperty("summary").GetProperty("actions").EnumerateObject().Select(p => p.Name);
        Assert.Equal(["Warn"], actions);
        Assert.Equal(3, host.Cloud.IssuedSecrets.Count);
    }

    [Fact]
    public async Task Sweep_DryRunConfigured_PlansButChangesNothing()
    {
        host.Environment.Set(EnvironmentVariables.DryRun, "true");

        await host.RunAsync(("plan", """{"mode":"sweep"}"""));

        Assert.True(host.Response("plan").GetProperty("dryRun").GetBoolean());
        Assert.Equal(3, host.Response("plan").GetProperty("summary").GetProperty("actions").GetProperty("CreateKey").GetInt32());
        Assert.DoesNotContain(host.Cloud.Requests, r => r.Action is "CreateAccessKey" or "UpdateAccessKey" or "DeleteAccessKey" or "CreateSecret" or "Publish");
    }

    [Fact]
    public async Task ListTargets_StartsTheRunAndMarksTheAccountsItSkipped()
    {
        await host.RunAsync(("list", """{"mode":"list-targets","runId":"fan-out-2"}"""));

        var accounts = host.Response("list").GetProperty("accounts").EnumerateArray().ToList();
        var targets = accounts.Where(a => a.GetProperty("skipped").ValueKind == JsonValueKind.Null).Select(a => a.GetProperty("accountId").GetString());
        Assert.Equal([Web, "222222222222"], targets);
        Assert.Equal(2, accounts.Count(a => a.GetProperty("skipped").GetString() == "NotActive"));
        Assert.DoesNotContain(host.Cloud.Requests, r => r.SigningService is "iam" or "secretsmanager");
        Assert.Equal([AuditAction.AccountSkipped, AuditAction.AccountSkipped, AuditAction.RunStarted],
            host.Audit.Events.Where(e => e.RunId == "fan-out-2").Select(e => e.Action).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Responses_NeverCarryAnIssuedSecretOrTheExternalId()
    {
        await host.RunAsync(("sweep", """{"mode":"sweep"}"""), ("rotate", $$"""{"mode":"rotate-account","accountId":"{{Web}}"}"""));

        var bodies = host.Client!.Responses.Select(r => System.Text.Encoding.UTF8.GetString(r.Body)).ToList();
        Assert.Equal(2, bodies.Count);
        var externalId = FakeEnvironment.Valid()[EnvironmentVariables.ExternalId];
        Assert.All(bodies, body =>
        {
            Assert.All(host.Cloud.IssuedSecrets, secret => Assert.DoesNotContain(JsonEncodedText.Encode(secret).Value, body, StringComparison.Ordinal));
            Assert.DoesNotContain(externalId, body, StringComparison.Ordinal);
        });
        Assert.All(host.Audit.Events, e => Assert.All(host.Cloud.IssuedSecrets,
            secret => Assert.DoesNotContain(secret, JsonSerializer.Serialize(e), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Sweep_DynamoDbAuditTableMissing_FailsAsAuditUnavailableAndChangesNothing()
    {
        host.InMemoryAudit = false;
        host.Cloud.Fault = r => r.SigningService == "dynamodb"
            ? FakeAwsCloud.JsonError(400, "ResourceNotFoundException", "Requested resource not found")
            : null;

        await host.RunAsync(("sweep", """{"mode":"sweep"}"""));

        var (_, error) = Assert.Single(host.Client!.Errors);
        Assert.Equal(ErrorMapping.AuditUnavailable, error.ErrorType);
        var table = FakeEnvironment.Valid()[EnvironmentVariables.AuditTable];
        Assert.Contains(host.Cloud.Requests, r => r.SigningService == "dynamodb" && r.Body.Contains($"\"TableName\":\"{table}\"", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Cloud.Requests, r => r.SigningService is "iam" or "secretsmanager" or "sns");
    }

    [Fact]
    public async Task Sweep_FirstGetCallerIdentityThrottled_RetriedByThePipelineAndRuns()
    {
        var calls = 0;
        host.Jitter = new NoJitter();
        host.Cloud.Fault = r => r.Action == "GetCallerIdentity" && Interlocked.Increment(ref calls) == 1
            ? FakeAwsCloud.QueryError("sts", 400, "Throttling", "Rate exceeded")
            : null;

        await host.RunAsync(("sweep", """{"mode":"sweep"}"""));

        Assert.Empty(host.Client!.Errors);
        Assert.Equal(2, host.Cloud.Requests.Count(r => r.Action == "GetCallerIdentity"));
        Assert.Equal(4, host.Response("sweep").GetProperty("summary").GetProperty("accounts").GetInt32());
    }

    [Fact]
    public async Task Sweep_GetCallerIdentityAlwaysThrottled_FailsAsThrottlingAfterOnePlusMaxRetriesChangingNothing()
    {
        host.Jitter = new NoJitter();
        host.Resilience = host.Resilience with { Retry = new Engine.Resilience.Retry.RetryOptions { MaxRetryAttempts = 2 } };
        host.Cloud.Fault = r => r.Action == "GetCallerIdentity" ? FakeAwsCloud.QueryError("sts", 400, "Throttling", "Rate exceeded") : null;

        await host.RunAsync(("sweep", """{"mode":"sweep"}"""));

        var (_, error) = Assert.Single(host.Client!.Errors);
        Assert.Equal(ErrorMapping.ServiceErrorPrefix + "Throttling", error.ErrorType);
        Assert.Contains("GetCallerIdentity", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(3, host.Cloud.Requests.Count(r => r.Action == "GetCallerIdentity"));
        Assert.DoesNotContain(host.Cloud.Requests, r => r.SigningService != "sts");
    }

    /// <summary>Every backoff 0: the host's clock is frozen, so a drawn delay would never end.</summary>
    private sealed class NoJitter : Random
    {
        protected override double Sample() => 0;

        public override double NextDouble() => 0;
    }

    [Fact]
    public async Task Init_NoRegion_InitErrorNamesIt()
    {
        host.AwsVariables.Remove("AWS_REGION");

        var exit = await host.RunAsync(("sweep", """{"mode":"sweep"}"""));

        Assert.Equal(ExitCodes.InitFailed, exit);
        var init = Assert.Single(host.Client!.InitErrors);
        Assert.Equal(ErrorMapping.InvalidConfiguration, init.ErrorType);
        Assert.Contains("No AWS region", init.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(host.Cloud.Requests);
    }

    [Fact]
    public async Task Init_MalformedEndpointOverride_InitErrorNamesIt()
    {
        host.AwsVariables["AWS_ENDPOINT_URL_IAM"] = "not a url";

        var exit = await host.RunAsync(("sweep", """{"mode":"sweep"}"""));

        Assert.Equal(ExitCodes.InitFailed, exit);
        Assert.Contains("Endpoint URL for IAM", Assert.Single(host.Client!.InitErrors).ErrorMessage, StringComparison.Ordinal);
    }
}
