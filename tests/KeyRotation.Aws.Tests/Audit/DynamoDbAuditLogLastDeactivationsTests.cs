using KeyRotation.Aws.Audit;
using KeyRotation.Aws.Tests.Audit.Dynalite;
using KeyRotation.Core.Audit;

namespace KeyRotation.Aws.Tests.Audit;

[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbAuditLogLastDeactivationsTests(DynaliteFixture dynalite)
{
    private const string A = AuditEvents.AccountA;
    private const string B = AuditEvents.AccountB;
    private const string Key1 = "AKIAKEY1EXAMPLE00001";
    private const string Key2 = "AKIAKEY2EXAMPLE00002";
    private const string KeyB = "AKIAKEYBEXAMPLE00003";
    private const string Never = "AKIANEVEREXAMPLE0004";
    private static readonly DateTimeOffset T = AuditEvents.T0;

    private static readonly AuditEvent[] History =
    [
        Deactivate(Key1, T.AddDays(1), AuditOutcome.Succeeded, 1),
        Deactivate(Key1, T.AddDays(3), AuditOutcome.Succeeded, 2),
        Deactivate(Key1, T.AddDays(4), AuditOutcome.Failed, 3),
        Deactivate(Key1, T.AddDays(5), AuditOutcome.Planned, 4),
        AuditEvents.Make(T.AddDays(6), A, "alice", Key1, "DeleteKey", sequence: 5),
        AuditEvents.Make(T.AddDays(2), A, "alice", Key2, "CreateKey", sequence: 6),
        Deactivate(Key2, T.AddHours(7), AuditOutcome.Succeeded, 7),
        Deactivate(KeyB, T.AddDays(2), AuditOutcome.Succeeded, 8, B),
        // Many later non-matching events on Key2 so the newest-first search has to page past them.
        .. Enumerable.Range(0, 7).Select(i => AuditEvents.Make(T.AddDays(8).AddMinutes(i), A, "alice", Key2, "Warn", sequence: 100 + i)),
    ];

    private static AuditEvent Deactivate(string key, DateTimeOffset at, string outcome, int sequence, string account = A) =>
        AuditEvents.Make(at, account, "alice", key, "DeactivateKey", outcome: outcome, reason: "PastDeactivateAgeAndIdle",
            sequence: sequence);

    private async Task<DynamoDbAuditLog> Log()
    {
        var table = await dynalite.TableForAsync(GetType(), log => log.AppendAsync(History, CancellationToken.None));
        return dynalite.Log(table, new DynamoDbAuditLogOptions { PageSize = 2, MaxParallelLookups = 2 });
    }

    [DynaliteFact]
    public async Task LastDeactivationsAsync_KeysWithHistory_ReturnsNewestSuccessfulDeactivationOnly()
    {
        using var log = await Log();

        var result = await log.LastDeactivationsAsync(A, [Key1, Key2, Never, KeyB], CancellationToken.None);

        Assert.Equal(2, result.Count);
        Assert.Equal(T.AddDays(3), result[Key1]);
        Assert.Equal(T.AddHours(7), result[Key2]);
    }

    [DynaliteFact]
    public async Task LastDeactivationsAsync_KeyDeactivatedInAnotherAccount_IsAbsent()
    {
        using var log = await Log();

        var result = await log.LastDeactivationsAsync(A, [KeyB], CancellationToken.None);

        Assert.Empty(result);
    }

    [DynaliteFact]
    public async Task LastDeactivationsAsync_NoKeys_ReturnsEmptyWithoutCalls()
    {
        using var log = await Log();

        Assert.Empty(await log.LastDeactivationsAsync(A, [], CancellationToken.None));
    }
}
