using KeyRotation.Core.Audit;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Notifications;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Tests.Support;
using KeyRotation.Simulation.Faults;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.Notifications;

public sealed class NotificationTests
{
    private const string AccountId = "222222222222";

    [Fact]
    public async Task RunAsync_NotifierDown_RotationStandsAndFailureAuditedAndNoted()
    {
        var harness = new Harness(Of(Account(AccountId, IdleOldUser("alice", "AKIAALICEEXAMPLEOLD1"))));
        harness.Faults.Add(FaultRule.Always(OperationNames.Sns, OperationNames.Publish));

        var report = await harness.RunAsync();

        var keys = harness.Organization.Accounts[0].Users[0].AccessKeys;
        Assert.Equal(2, keys.Count);
        Assert.Equal(AccessKeyStatus.Inactive, keys.Single(k => k.Id == "AKIAALICEEXAMPLEOLD1").Status);
        Assert.Single(harness.World.SecretVault.Secrets);
        Assert.All(Assert.Single(report.Accounts).Actions, a => Assert.Equal(AuditOutcome.Succeeded, a.Outcome));
        var failedNotices = harness.World.AuditLog.Events.Where(e => e.Action == AuditAction.Notify).ToArray();
        Assert.Equal(2, failedNotices.Length);
        Assert.All(failedNotices, e => Assert.Equal(AuditOutcome.Failed, e.Outcome));
        Assert.Equal(2, report.Accounts[0].Notes.Count(n => n.Contains("notification failed", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RunAsync_KeyCreated_NotificationSaysWhereNotWhat()
    {
        var harness = new Harness(Of(Account(AccountId, DueUser("bob", "AKIABOBEXAMPLE0OLD01"))));

        await harness.RunAsync();

        var notice = Assert.Single(harness.World.Sns.Published);
        var stored = Assert.Single(harness.World.SecretVault.Secrets);
        Assert.Equal(new Dictionary<string, string>
        {
            ["event"] = "KeyCreated",
            ["account"] = AccountId,
            ["user"] = "bob",
            ["owner"] = "bob@example.com",
            ["severity"] = "info",
        }, notice.Attributes);
        Assert.Contains(stored.Location, notice.Message, StringComparison.Ordinal);
        Assert.Contains(stored.Key.AccessKeyId, notice.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(stored.Key.SecretAccessKey.Reveal(), notice.Message, StringComparison.Ordinal);
        Assert.Equal($"arn:aws:secretsmanager:us-east-1:{AccountId}:secret:key-rotation/bob", stored.Location);
    }

    [Fact]
    public async Task RunAsync_UserWithoutOwnerTag_OwnerAttributeUnknown()
    {
        var bob = DueUser("bob", "AKIABOBEXAMPLE0OLD01");
        bob.Tags.Clear();
        var harness = new Harness(Of(Account(AccountId, bob)));

        await harness.RunAsync();

        Assert.Equal("unknown", Assert.Single(harness.World.Sns.Published).Attributes["owner"]);
    }

    [Fact]
    public void Compose_LongNonAsciiSubject_AsciiAndShorterThan100()
    {
        var account = new AccountFacts(AccountId, "d\u00e9v", AccountState.Active, [], new Dictionary<string, string>());

        var notice = NotificationComposer.Compose("KeyCreated", "info", account, new string('u', 64), "o",
            "r\u00e9sum\u00e9 \n" + new string('x', 200), "m");

        Assert.True(notice.Subject.Length < 100);
        Assert.All(notice.Subject, c => Assert.InRange(c, ' ', '~'));
        Assert.StartsWith("Key rotation: r?sum?", notice.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EveryNotification_HasAllAttributesAndValidSubject()
    {
        var harness = new Harness(Of(Account(AccountId,
            IdleOldUser("alice", "AKIAALICEEXAMPLEOLD1"),
            User("carol", Key("AKIACAROLEXAMPLEOLD1", 200, 1), Key("AKIACAROLEXAMPLEOLD2", 170, 1)))));

        await harness.RunAsync();

        var published = harness.World.Sns.Published;
        Assert.Equal(["KeyCreated", "KeyDeactivated", "KeyLimit", "StillInUse"],
            published.Select(n => n.Attributes["event"]).Order(StringComparer.Ordinal));
        Assert.All(published, n =>
        {
            Assert.Equal(["account", "event", "owner", "severity", "user"], n.Attributes.Keys.Order(StringComparer.Ordinal));
            Assert.True(n.Subject.Length is > 0 and < 100);
        });
    }
}
