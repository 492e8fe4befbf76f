using KeyRotation.Aws.Audit;
using KeyRotation.Aws.Tests.Audit.Dynalite;
using KeyRotation.Core.Audit;

namespace KeyRotation.Aws.Tests.Audit;

/// <summary>Intents and outcomes in the DynamoDB table: kept apart in queries, and the open ones found per account.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbAuditLogIntentTests(DynaliteFixture dynalite)
{
    private const string A = AuditEvents.AccountA;
    private const string B = AuditEvents.AccountB;
    private const string Key1 = "AKIAKEY1EXAMPLE00001";
    private static readonly DateTimeOffset T = AuditEvents.T0;

    private static readonly AuditEvent OpenCreate = Intent(T.AddDays(1), A, null, "CreateKey", 1);
    private static readonly AuditEvent ResolvedDeactivate = Intent(T.AddDays(1), A, Key1, "DeactivateKey", 2);
    private static readonly AuditEvent TooOld = Intent(T.AddDays(-40), A, null, "CreateKey", 3);
    private static readonly AuditEvent OtherAccount = Intent(T.AddDays(1), B, null, "CreateKey", 4);

    private static readonly AuditEvent[] History =
    [
        OpenCreate,
        ResolvedDeactivate,
        AuditEvents.Make(T.AddDays(1).AddSeconds(1), A, "alice", Key1, "DeactivateKey", sequence: 5) with { IntentId = ResolvedDeactivate.EventId },
        TooOld,
        OtherAccount,
        AuditEvents.Make(T.AddDays(1), A, null, null, "RunStarted", reason: null, sequence: 6),
    ];

    private static AuditEvent Intent(DateTimeOffset at, string account, string? key, string action, int sequence) =>
        AuditEvents.Make(at, account, "alice", key, action, outcome: AuditOutcome.Intended, sequence: sequence);

    private async Task<DynamoDbAuditLog> Log()
    {
        var table = await dynalite.TableForAsync(GetType(), log => log.AppendAsync(History, CancellationToken.None));
        return dynalite.Log(table, new DynamoDbAuditLogOptions { PageSize = 2 });
    }

    [DynaliteFact]
    public async Task UnresolvedAsync_AccountHistory_OpenIntentsOfThatAccountInTheWindowOnly()
    {
        using var log = await Log();

        var work = await log.UnresolvedAsync(A, T.AddDays(-30), CancellationToken.None);

        Assert.Equal([OpenCreate.EventId], work.OpenIntents.Select(e => e.EventId));
        Assert.Equal(OpenCreate, work.OpenIntents[0]);
    }

    [DynaliteFact]
    public async Task QueryAsync_ByDefault_OutcomesOnly()
    {
        using var log = await Log();

        var events = await log.QueryAsync(new AuditQuery { AccountId = A }, CancellationToken.None).ToListAsync();

        Assert.DoesNotContain(events, e => e.IsIntent);
        var outcome = Assert.Single(events, e => e.Action == "DeactivateKey");
        Assert.Equal(ResolvedDeactivate.EventId, outcome.IntentId);
    }

    [DynaliteFact]
    public async Task QueryAsync_IncludeIntents_IntentsToo()
    {
        using var log = await Log();

        var byAccount = await log.QueryAsync(new AuditQuery { AccountId = A, IncludeIntents = true }, CancellationToken.None).ToListAsync();
        var byRun = await log.QueryAsync(new AuditQuery { RunId = "run-1", IncludeIntents = true }, CancellationToken.None).ToListAsync();
        var scanned = await log.QueryAsync(new AuditQuery { IncludeIntents = true }, CancellationToken.None).ToListAsync();
        var scannedOutcomes = await log.QueryAsync(new AuditQuery(), CancellationToken.None).ToListAsync();

        Assert.Equal(3, byAccount.Count(e => e.IsIntent));
        Assert.Equal(4, byRun.Count(e => e.IsIntent));
        Assert.Equal(4, scanned.Count(e => e.IsIntent));
        Assert.Equal(2, scannedOutcomes.Count);
    }
}
