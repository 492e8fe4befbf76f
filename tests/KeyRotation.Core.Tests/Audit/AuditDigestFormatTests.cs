using System.Text;
using KeyRotation.Core.Audit;
using KeyRotation.Core.Audit.Digests;

namespace KeyRotation.Core.Tests.Audit;

public sealed class AuditDigestFormatTests
{
    private static readonly AuditEvent Event = new()
    {
        EventId = "0123456789abcdef0123456789abcdef",
        OccurredAt = new DateTimeOffset(2026, 12, 1, 14, 30, 0, TimeSpan.FromHours(2)),
        RunId = "run-1",
        AccountId = "222222222222",
        UserName = "alice",
        AccessKeyId = "AKIAIOSFODNN7EXAMPLE",
        Action = "CreateKey",
        Reason = "RotationDue",
        Outcome = "Succeeded",
        Actor = "simulation",
        KeyAgeDays = 170,
        ToolVersion = "0.1.0",
    };

    [Fact]
    public void CanonicalForm_FieldsInDocumentedOrder_LengthPrefixedAndUtc()
    {
        var text = Encoding.UTF8.GetString(AuditEventCanonicalForm.Bytes(Event));

        Assert.Equal(
            "eventId=32:0123456789abcdef0123456789abcdef\noccurredAt=28:2026-12-01T12:30:00.0000000Z\nrunId=5:run-1\n" +
            "accountId=12:222222222222\nuserName=5:alice\naccessKeyId=20:AKIAIOSFODNN7EXAMPLE\naction=9:CreateKey\n" +
            "reason=11:RotationDue\noutcome=9:Succeeded\nerror-\ndetail-\nactor=10:simulation\npolicy-\nkeyAgeDays=3:170\n" +
            "lastUsedAt-\ntoolVersion=5:0.1.0\nsummary-\nintentId-\n",
            text);
    }

    [Fact]
    public void CanonicalForm_SameInstantInAnotherOffset_HashesTheSame()
    {
        var utc = Event with { OccurredAt = Event.OccurredAt.ToUniversalTime() };

        Assert.Equal(AuditEventCanonicalForm.Hash(Event), AuditEventCanonicalForm.Hash(utc));
    }

    [Fact]
    public void CanonicalForm_EmptyAndAbsentDiffer_AndAValueCannotImitateTheNextField()
    {
        var empty = Event with { Error = "" };
        // Without length prefixes both would read "error=a\ndetail=b\ndetail-\n".
        var inError = Event with { Error = "a\ndetail=b", Detail = null };
        var inDetail = Event with { Error = "a", Detail = "b\ndetail-" };

        Assert.NotEqual(AuditEventCanonicalForm.Hash(Event), AuditEventCanonicalForm.Hash(empty));
        Assert.NotEqual(AuditEventCanonicalForm.Hash(inError), AuditEventCanonicalForm.Hash(inDetail));
    }

    [Fact]
    public void HashAll_IndependentOfInputOrder()
    {
        var other = Event with { EventId = "ffffffffffffffffffffffffffffffff" };

        Assert.Equal(AuditEventCanonicalForm.HashAll([Event, other]), AuditEventCanonicalForm.HashAll([other, Event]));
    }

    [Fact]
    public void Digest_ToBytesThenParse_RoundTrips()
    {
        var digest = AuditDigest.Seal(7, "run-1", Event.OccurredAt, [Event], new DigestLink(6, "run-0", new string('a', 64)));

        var parsed = AuditDigest.Parse(digest.ToBytes());

        Assert.Equal(digest.ToBytes(), parsed.ToBytes());
        Assert.Equal((7L, "run-1", 6L), (parsed.Sequence, parsed.RunId, parsed.Previous!.Sequence));
        Assert.Equal(Event.OccurredAt, parsed.FinishedAt);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"format\":\"other/1\"}")]
    [InlineData("{\"format\":\"keyrotation-audit-digest/1\",\"sequence\":1}")]
    public void Parse_NotADigest_ThrowsFormatException(string text)
    {
        var error = Assert.Throws<FormatException>(() => AuditDigest.Parse(Encoding.UTF8.GetBytes(text)));

        Assert.StartsWith("not a readable audit digest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckChain_FirstDigestNamingAPredecessor_IsBroken()
    {
        var digest = AuditDigest.Seal(1, "run-1", Event.OccurredAt, [Event], new DigestLink(0, "run-0", new string('a', 64)));

        var (findings, _) = AuditDigestCheck.CheckChain([new StoredDigest(1, digest.ToBytes())]);

        Assert.Equal(AuditFindingKind.BrokenLink, Assert.Single(findings).Kind);
    }

    [Fact]
    public void CheckChain_StoredUnderAnotherSequence_IsBroken()
    {
        var digest = AuditDigest.Seal(1, "run-1", Event.OccurredAt, [Event], null);
        var second = AuditDigest.Seal(2, "run-2", Event.OccurredAt, [], digest.LinkTo(digest.ToBytes()));

        var (findings, _) = AuditDigestCheck.CheckChain([new StoredDigest(1, digest.ToBytes()), new StoredDigest(3, second.ToBytes())]);

        Assert.Contains(findings, f => f.Detail.Contains("stored as 3 says it is 2", StringComparison.Ordinal));
    }

    [Fact]
    public void CheckChain_IntactChain_HasNoFindings()
    {
        var first = AuditDigest.Seal(1, "run-1", Event.OccurredAt, [Event], null);
        var second = AuditDigest.Seal(2, "run-2", Event.OccurredAt, [], first.LinkTo(first.ToBytes()));

        var (findings, digests) = AuditDigestCheck.CheckChain([new StoredDigest(2, second.ToBytes()), new StoredDigest(1, first.ToBytes())]);

        Assert.Empty(findings);
        Assert.Equal(["run-1", "run-2"], digests.Select(d => d.RunId));
    }
}
