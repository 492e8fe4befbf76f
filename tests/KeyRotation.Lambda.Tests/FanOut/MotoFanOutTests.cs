using KeyRotation.Aws.Audit;
using KeyRotation.Core.Audit;
using KeyRotation.Lambda.Configuration;
using KeyRotation.Lambda.Tests.Support;
using KeyRotation.Testing.Moto;

namespace KeyRotation.Lambda.Tests.FanOut;

/// <summary>
/// The real bootstrap process against moto, one organization built in it: a sweep, and the state machine's
/// list-targets, rotate-account per item and summarize, each writing to a DynamoDB audit table in moto. Both trails
/// must say the same (start, skipped accounts with their reasons, finish with the same summary), and the
/// fan-out's rotate-account must read each account from Organizations (DescribeAccount, ListParents).
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class MotoFanOutTests(MotoServer moto)
{
    [MotoFact]
    public async Task FanOut_BootstrapAgainstMoto_WritesTheSameAuditEventsAsASweep()
    {
        await moto.ResetAsync();
        using var organization = new MotoOrganization(moto.Endpoint);
        await organization.CreateAsync();
        var workloads = await organization.UnitAsync("Workloads", organization.RootId);
        var legacy = await organization.UnitAsync("Legacy", organization.RootId, ("key-rotation:opt-out", "true"));
        var legacyApps = await organization.UnitAsync("Legacy Apps", legacy);
        await organization.AccountAsync("dev", workloads);
        await organization.AccountAsync("prod", workloads, ("key-rotation:rotate-after-days", "90"));
        await organization.AccountAsync("sandbox", organization.RootId, ("key-rotation:opt-out", "true"));
        var legacyBilling = await organization.AccountAsync("legacy-billing", legacyApps);
        const string sweepTable = "audit-sweep";
        const string fanOutTable = "audit-fan-out";
        await CreateTableAsync(sweepTable);
        await CreateTableAsync(fanOutTable);

        var sweep = await new BootstrapProcess(Environment(sweepTable)).InvokeAsync("""{"mode":"sweep","runId":"moto-run"}""");
        var summarized = await new StateMachineDriver(new BootstrapProcess(Environment(fanOutTable)).InvokeAsync).RunAsync("moto-run");

        var expected = await TrailAsync(sweepTable);
        Assert.Contains(expected, e => e.Contains(AuditAction.RunStarted, StringComparison.Ordinal));
        Assert.Contains(expected, e => e.Contains(AuditAction.RunFinished, StringComparison.Ordinal));
        Assert.Equal(2, expected.Count(e => e.Contains(" | AccountSkipped | OptOut", StringComparison.Ordinal)));
        SimulatedFanOutTests.AssertSameTrail(expected, await TrailAsync(fanOutTable));
        Assert.Equal(sweep["summary"]!.ToJsonString(), summarized["summary"]!.ToJsonString());

        // Given only the id of an account whose opt-out sits two OUs up, rotate-account finds it in Organizations.
        var tampered = await new BootstrapProcess(Environment(fanOutTable)).InvokeAsync(
            $$"""{"mode":"rotate-account","runId":"moto-run-2","accountId":"{{legacyBilling}}"}""");
        Assert.Equal(("Skipped", "OptOut"), ((string?)tampered["status"], (string?)tampered["reason"]));
    }

    private Dictionary<string, string> Environment(string table)
    {
        var variables = FakeEnvironment.Valid();
        variables[EnvironmentVariables.AuditTable] = table;
        variables[EnvironmentVariables.TopicArn] = "arn:aws:sns:us-east-1:123456789012:key-rotation";
        variables["AWS_REGION"] = "us-east-1";
        variables["AWS_ENDPOINT_URL"] = moto.Endpoint;
        variables["AWS_ACCESS_KEY_ID"] = MotoOrganization.AccessKey;
        variables["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        variables["AWS_EC2_METADATA_DISABLED"] = "true";
        return variables;
    }

    private AuditStoreSettings Store(string table) => new(table, "us-east-1", moto.Endpoint);

    private async Task CreateTableAsync(string table)
    {
        using var admin = DynamoDbAuditTableAdmin.Create(Store(table), TimeProvider.System);
        await admin.CreateAsync(CancellationToken.None);
    }

    /// <summary>The table's events as SimulatedFanOutTests compares them: what they say, not when.</summary>
    private async Task<string[]> TrailAsync(string table)
    {
        using var log = DynamoDbAuditLog.Create(Store(table), TimeProvider.System);
        var events = new List<string>();
        await foreach (var e in log.QueryAsync(new AuditQuery { RunId = "moto-run" }, CancellationToken.None))
        {
            events.Add(string.Join(" | ", e.EventId, e.AccountId, e.UserName, e.AccessKeyId, e.Action, e.Reason,
                e.Outcome, e.Error, e.Detail, e.Summary));
        }

        return [.. events.Order(StringComparer.Ordinal)];
    }
}
