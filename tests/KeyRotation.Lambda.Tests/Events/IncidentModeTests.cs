using System.Text;
using System.Text.Json;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Incidents;
using KeyRotation.Lambda.Configuration;
using KeyRotation.Lambda.Events;
using KeyRotation.Lambda.Hosting;
using KeyRotation.Lambda.Operations;
using KeyRotation.Lambda.Runtime;
using KeyRotation.Lambda.Tests.Support;
using KeyRotation.Simulation.Model;
using KeyRotation.Simulation.Ports;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Lambda.Tests.Events;

/// <summary>
/// The revoke and restore modes and the AWS Health exposed-key event, through the host's dispatcher, with the
/// engine's incident actions over a simulated organization of three accounts.
/// </summary>
public sealed class IncidentModeTests
{
    private const string Exposed = "AKIAIOSFODNN7EXAMPLE";
    private const string MemberAccount = "333333333333";

    /// <summary>AWS Health's documented AWS_RISK_CREDENTIALS_EXPOSED event, as EventBridge delivers it to a target.</summary>
    private const string HealthEvent = """
        {
          "version": "0",
          "id": "7bf73129-1428-4cd3-a780-95db273d1602",
          "detail-type": "AWS Health Event",
          "source": "aws.health",
          "account": "333333333333",
          "time": "2026-11-29T11:58:12Z",
          "region": "us-east-1",
          "resources": [],
          "detail": {
            "eventArn": "arn:aws:health:global::event/RISK/AWS_RISK_CREDENTIALS_EXPOSED/AWS_RISK_CREDENTIALS_EXPOSED_EXAMPLE0001",
            "service": "RISK",
            "eventTypeCode": "AWS_RISK_CREDENTIALS_EXPOSED",
            "eventTypeCategory": "issue",
            "startTime": "Sun, 29 Nov 2026 11:55:00 GMT",
            "eventDescription": [
              { "language": "en_US", "latestDescription": "Your AWS access key AKIAIOSFODNN7EXAMPLE is publicly available." }
            ],
            "affectedEntities": [ { "entityValue": "AKIAIOSFODNN7EXAMPLE" } ]
          }
        }
        """;

    private readonly SimulatedWorld world;

    public IncidentModeTests()
    {
        var organization = new SimulatedOrganization { ManagementAccountId = "111111111111" };
        foreach (var id in new[] { "222222222222", MemberAccount, "444444444444" })
        {
            var account = new SimulatedAccount { Id = id, Name = "acct-" + id };
            foreach (var name in new[] { "ci", "etl" })
            {
                var user = new SimulatedUser { Name = name, Tags = { ["key-rotation:owner"] = name + "@example.com" } };
                user.AccessKeys.Add(new SimulatedAccessKey
                {
                    Id = id == MemberAccount && name == "etl" ? Exposed : $"AKIAEXAMPLE{id[..4]}{name.ToUpperInvariant()}000"[..20],
                    CreatedAt = HostRunner.Now.AddDays(-40),
                    LastUsedAt = HostRunner.Now.AddDays(-1),
                });
                account.Users.Add(user);
            }

            organization.Accounts.Add(account);
        }

        world = new SimulatedWorld(organization, new FakeTimeProvider(HostRunner.Now), seed: 5);
    }

    private SimulatedAccessKey Key(string id) =>
        world.Organization.Accounts.SelectMany(a => a.Users).SelectMany(u => u.AccessKeys).Single(k => k.Id == id);

    private async Task<JsonElement> InvokeAsync(string payload, params (string Name, string Value)[] environment)
    {
        var settings = HostSettingsReader.Read(FakeEnvironment.With(environment));
        var responder = new IncidentResponder(world.CreateServices());
        var operations = RotationOperations.NotComposed with
        {
            Revoke = responder.RevokeAsync,
            Restore = responder.RestoreAsync,
        };
        var options = new RunOptionsFactory(settings, new FakeTimeProvider(HostRunner.Now), new Random(3), "lambda:test");
        var dispatcher = new InvocationDispatcher(new ModeHandlers(settings, operations, options, NullLogger.Instance));
        var invocation = new Invocation("req", HostRunner.Now.AddMinutes(15), null,
            "arn:aws:lambda:us-east-1:111111111111:function:key-rotation", Encoding.UTF8.GetBytes(payload));
        return JsonDocument.Parse(await dispatcher.HandleAsync(invocation, CancellationToken.None)).RootElement.Clone();
    }

    [Fact]
    public async Task HealthExposedKeyEvent_RecordedShape_RevokesTheNamedKeyOnly()
    {
        var answer = await InvokeAsync(HealthEvent);

        Assert.Equal(AccessKeyStatus.Inactive, Key(Exposed).Status);
        Assert.Equal(1, world.Organization.Accounts.SelectMany(a => a.Users).SelectMany(u => u.AccessKeys)
            .Count(k => k.Status == AccessKeyStatus.Inactive));
        var report = Assert.Single(answer.GetProperty("keys").EnumerateArray().ToArray());
        Assert.Equal((MemberAccount, "etl"), (report.GetProperty("accountId").GetString(), report.GetProperty("userName").GetString()));
        var revoked = Assert.Single(world.AuditLog.Events, e => e.Action == "RevokeKey" && !e.IsIntent);
        Assert.Contains("AWS_RISK_CREDENTIALS_EXPOSED", revoked.Detail, StringComparison.Ordinal);
        Assert.Equal("arn:aws:lambda:us-east-1:111111111111:function:key-rotation", revoked.Actor);
        Assert.Equal("KeyRevoked", Assert.Single(world.Sns.Published).Attributes["event"]);
        Assert.Empty(world.IssuedKeys);
    }

    [Fact]
    public async Task HealthExposedKeyEvent_RevokeAndReplace_HandsOverAReplacement()
    {
        var answer = await InvokeAsync(HealthEvent, (EnvironmentVariables.ExposedKeyAction, "revoke-and-replace"));

        Assert.True(answer.GetProperty("replace").GetBoolean());
        Assert.Equal(AccessKeyStatus.Inactive, Key(Exposed).Status);
        var issued = Assert.Single(world.IssuedKeys);
        Assert.Equal((MemberAccount, "etl"), (issued.AccountId, issued.UserName));
        Assert.NotNull(world.SecretVault.Find(MemberAccount, "etl"));
        Assert.DoesNotContain(issued.Key.SecretAccessKey.Reveal(), answer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthEvent_OfAnotherType_RefusedAndNothingChanged()
    {
        var other = HealthEvent.Replace("\"eventTypeCode\": \"AWS_RISK_CREDENTIALS_EXPOSED\"", "\"eventTypeCode\": \"AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED\"",
            StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<EventFormatException>(() => InvokeAsync(other));

        Assert.Contains("AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED", error.Message, StringComparison.Ordinal);
        Assert.Equal(AccessKeyStatus.Active, Key(Exposed).Status);
    }

    [Fact]
    public void ExposedKeyAction_UnknownValue_IsAConfigurationProblemNamingTheVariable()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            HostSettingsReader.Read(FakeEnvironment.With((EnvironmentVariables.ExposedKeyAction, "delete"))));

        Assert.Contains("EXPOSED_KEY_ACTION='delete'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeMode_NoConfirmNeeded_InvokingRevokes()
    {
        var answer = await InvokeAsync($$"""{"mode":"revoke","accessKeyId":"{{Exposed}}","reason":"INC-77","replace":true}""");

        Assert.Equal(AccessKeyStatus.Inactive, Key(Exposed).Status);
        Assert.False(answer.GetProperty("dryRun").GetBoolean());
        Assert.Equal(["RevokeKey", "CreateKey"], answer.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task RevokeMode_FunctionInDryRun_ChangesNothing()
    {
        var answer = await InvokeAsync($$"""{"mode":"revoke","accessKeyId":"{{Exposed}}","reason":"INC-78"}""",
            (EnvironmentVariables.DryRun, "true"));

        Assert.True(answer.GetProperty("dryRun").GetBoolean());
        Assert.Equal(AccessKeyStatus.Active, Key(Exposed).Status);
    }

    [Fact]
    public async Task RevokeMode_WithoutReason_EventFormatErrorNamingTheField()
    {
        var error = await Assert.ThrowsAsync<EventFormatException>(() => InvokeAsync($$"""{"mode":"revoke","accessKeyId":"{{Exposed}}"}"""));

        Assert.Contains("reason", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, AccessKeyStatus.Inactive, "OutsideRecoveryWindow")]
    [InlineData(true, AccessKeyStatus.Active, null)]
    public async Task RestoreMode_OutsideTheWindow_RefusedUnlessForced(bool force, AccessKeyStatus after, string? refusal)
    {
        var key = Key(Exposed);
        key.Status = AccessKeyStatus.Inactive;
        key.DeactivatedByToolAt = HostRunner.Now.AddDays(-30);

        var answer = await InvokeAsync($$"""{"mode":"restore","accessKeyId":"{{Exposed}}","force":{{(force ? "true" : "false")}}}""");

        Assert.Equal(after, key.Status);
        Assert.Equal(refusal, answer.GetProperty("refusal").GetString());
    }

    [Fact]
    public async Task RestoreMode_AfterRevoke_Reactivates()
    {
        await InvokeAsync($$"""{"mode":"revoke","accessKeyId":"{{Exposed}}","reason":"false alarm"}""");

        var answer = await InvokeAsync($$"""{"mode":"restore","accessKeyId":"{{Exposed}}"}""");

        Assert.Equal(JsonValueKind.Null, answer.GetProperty("refusal").ValueKind);
        Assert.Equal(AccessKeyStatus.Active, Key(Exposed).Status);
    }
}
