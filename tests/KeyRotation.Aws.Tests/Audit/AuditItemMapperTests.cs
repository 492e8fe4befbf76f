using KeyRotation.Aws.Audit;
using KeyRotation.Core.Audit;

namespace KeyRotation.Aws.Tests.Audit;

public sealed class AuditItemMapperTests
{
    [Fact]
    public void ToItem_FullEvent_WritesKeysAndIndexAttributes()
    {
        var e = AuditEvents.Full();

        var item = AuditItemMapper.ToItem(e);

        Assert.Equal("ACCOUNT#" + e.AccountId, item["pk"].S);
        Assert.Equal("2026-11-29T12:05:06.1234567Z#" + e.EventId, item["sk"].S);
        Assert.Equal("2026-11-29", item["day"].S);
        Assert.Equal(e.AccountId + "#carol", item["userKey"].S);
        Assert.Equal("181", item["keyAgeDays"].N);
        Assert.Equal("2026-11-10T13:00:00.0000042Z", item["lastUsedAt"].S);
    }

    [Fact]
    public void ToItem_FullEvent_HoldsEveryFormatsField()
    {
        var names = AuditItemMapper.ToItem(AuditEvents.Full()).Keys;

        Assert.Equal(
            ["accessKeyId", "accountId", "action", "actor", "day", "detail", "error", "eventId", "keyAgeDays", "lastUsedAt",
             "occurredAt", "outcome", "pk", "policy", "reason", "runId", "sk", "summary", "toolVersion", "userKey", "userName"],
            names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FromItem_ToItem_RoundTrips()
    {
        var e = AuditEvents.Full();

        Assert.Equal(e, AuditItemMapper.FromItem(AuditItemMapper.ToItem(e)));
    }

    [Fact]
    public void FromItem_MissingRequiredAttribute_ThrowsNamingIt()
    {
        var item = AuditItemMapper.ToItem(AuditEvents.Full());
        item.Remove("outcome");

        var error = Assert.Throws<FormatException>(() => AuditItemMapper.FromItem(item));

        Assert.Contains("'outcome'", error.Message);
    }

    [Fact]
    public void ToItem_BlankUserName_ThrowsNamingEventAndField()
    {
        var e = AuditEvents.Full() with { UserName = " " };

        var error = Assert.Throws<ArgumentException>(() => AuditItemMapper.ToItem(e));

        Assert.Contains("userName", error.Message);
        Assert.Contains(e.EventId, error.Message);
    }

    [Fact]
    public void SortKey_LaterInstant_SortsLaterOrdinally()
    {
        var instants = new[]
        {
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1),
            new DateTimeOffset(2026, 1, 1, 0, 0, 9, TimeSpan.Zero),
            new DateTimeOffset(2026, 1, 1, 0, 0, 10, TimeSpan.Zero),
            new DateTimeOffset(2026, 1, 1, 3, 0, 0, TimeSpan.FromHours(2)),
            new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero),
        };

        var sorted = instants.Select(i => AuditTime.SortKey(i, "ffff")).Order(StringComparer.Ordinal);

        Assert.Equal(instants.OrderBy(i => i.UtcTicks).Select(i => AuditTime.SortKey(i, "ffff")), sorted);
    }
}
