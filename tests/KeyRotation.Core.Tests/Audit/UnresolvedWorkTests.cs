using KeyRotation.Core.Audit;

namespace KeyRotation.Core.Tests.Audit;

public sealed class UnresolvedWorkTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private const string Key = "AKIAEXAMPLE000000KEY";

    private static AuditEvent Event(string id, string action, string outcome, string? key = null, string? intentId = null,
        string? user = "alice", int minutes = 0, string reason = "RotationDue") => new()
        {
            EventId = id,
            OccurredAt = T.AddMinutes(minutes),
            RunId = "run-1",
            AccountId = "222222222222",
            UserName = user,
            AccessKeyId = key,
            Action = action,
            Reason = reason,
            Outcome = outcome,
            IntentId = intentId,
            ToolVersion = "test",
        };

    [Fact]
    public void From_IntentWithAndWithoutOutcome_OnlyTheUnresolvedIsOpen()
    {
        var work = UnresolvedWork.From([
            Event("i1", "DeactivateKey", AuditOutcome.Intended, Key),
            Event("o1", "DeactivateKey", AuditOutcome.Succeeded, Key, intentId: "i1", minutes: 1),
            Event("i2", "CreateKey", AuditOutcome.Intended, minutes: 2),
        ]);

        Assert.Equal(["i2"], work.OpenIntents.Select(e => e.EventId));
        Assert.Equal(["alice"], work.UserNames);
        Assert.False(work.IsEmpty);
    }

    [Fact]
    public void From_OutcomeOfAnotherKindResolvesItsIntent_NotOpen()
    {
        // IAM refused a create for the key limit: the Blocked record is the create intent's outcome.
        var work = UnresolvedWork.From([
            Event("i1", "CreateKey", AuditOutcome.Intended),
            Event("o1", "Blocked", AuditOutcome.Succeeded, intentId: "i1", reason: "KeyLimit"),
        ]);

        Assert.True(work.IsEmpty);
    }

    [Fact]
    public void From_SecretStoredForKey_KeyHandedOffNotUnhandled()
    {
        var work = UnresolvedWork.From([
            Event("i1", "StoreSecret", AuditOutcome.Intended, Key),
            Event("o1", "StoreSecret", AuditOutcome.Succeeded, Key, intentId: "i1"),
        ]);

        Assert.Contains(Key, work.HandedOffKeyIds);
        Assert.Empty(work.UnhandledKeys);
    }

    [Fact]
    public void From_RollBackFailed_KeyUnhandledUntilDeleted()
    {
        AuditEvent[] rolledBack =
        [
            Event("c1", "CreateKey", AuditOutcome.Failed, Key, intentId: "ci"),
            Event("d1", "DeleteKey", AuditOutcome.Failed, Key, intentId: "di", reason: "RotationRolledBack"),
        ];

        var unhandled = UnresolvedWork.From(rolledBack);
        var deletedLater = UnresolvedWork.From([.. rolledBack,
            Event("d2", "DeleteKey", AuditOutcome.Succeeded, Key, intentId: "di2", minutes: 5, reason: "OrphanedKey")]);

        Assert.Equal([new UnhandledKey("alice", Key, T)], unhandled.UnhandledKeys);
        Assert.Empty(deletedLater.UnhandledKeys);
    }

    [Fact]
    public void From_EventsWithoutUserOrOfOtherActions_Ignored()
    {
        var work = UnresolvedWork.From([
            Event("r1", "RunStarted", AuditOutcome.Succeeded, user: null),
            Event("w1", "Warn", AuditOutcome.Succeeded, Key),
        ]);

        Assert.True(work.IsEmpty);
    }

    [Fact]
    public void Matches_Intent_OnlyWhenAskedFor()
    {
        var intent = Event("i1", "CreateKey", AuditOutcome.Intended);

        Assert.False(new AuditQuery().Matches(intent));
        Assert.True(new AuditQuery { IncludeIntents = true }.Matches(intent));
        Assert.True(new AuditQuery().Matches(Event("o1", "CreateKey", AuditOutcome.Succeeded, Key, intentId: "i1")));
    }
}
