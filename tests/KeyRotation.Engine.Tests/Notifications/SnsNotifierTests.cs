using System.Text;
using KeyRotation.Engine.Notifications;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Sns;

namespace KeyRotation.Engine.Tests.Notifications;

/// <summary>The engine's SNS message shaping: attribute order and limit, subject and message limits.</summary>
public sealed class SnsNotifierTests
{
    private const string Topic = "arn:aws:sns:eu-west-1:999999999999:key-rotation";

    private static Notification Notice(string subject = "Access key rotated", string message = "Your new key is in Secrets Manager.") =>
        new(subject, message, new Dictionary<string, string>
        {
            ["severity"] = "info",
            ["event"] = "KeyCreated",
            ["account"] = "111111111111",
            ["user"] = "svc+ci,x=y",
            ["owner"] = "alice@example.com",
            ["empty"] = "",
        });

    [Fact]
    public async Task Publish_Notification_OneRequestWithTopicSubjectMessageAndNonEmptyAttributesInKeyOrder()
    {
        var sns = new RecordingSns();

        await new SnsNotifier(sns, Topic).PublishAsync(Notice(), CancellationToken.None);

        var sent = Assert.Single(sns.Sent);
        Assert.Equal((Topic, "Access key rotated", "Your new key is in Secrets Manager."), (sent.Topic, sent.Subject, sent.Message));
        Assert.Equal(["account", "event", "owner", "severity", "user"], sent.Attributes.Select(a => a.Key));
    }

    [Fact]
    public async Task Publish_TooManyAttributes_ArgumentExceptionAndNothingSent()
    {
        var sns = new RecordingSns();
        var attributes = Enumerable.Range(0, 11).ToDictionary(i => "a" + i, _ => "v");

        await Assert.ThrowsAsync<ArgumentException>(() => new SnsNotifier(sns, Topic).PublishAsync(new Notification("s", "m", attributes), CancellationToken.None));

        Assert.Empty(sns.Sent);
    }

    [Fact]
    public async Task Publish_HugeMessage_SentTruncatedBelowTheLimit()
    {
        var sns = new RecordingSns();

        await new SnsNotifier(sns, Topic).PublishAsync(Notice(message: new string('x', 300_000)), CancellationToken.None);

        var sent = Assert.Single(sns.Sent).Message;
        Assert.True(Encoding.UTF8.GetByteCount(sent) < 256 * 1024);
        Assert.EndsWith(NotificationLimits.TruncatedMarker, sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_NoTopic_NothingSent() =>
        await new NoTopicNotifier().PublishAsync(Notice(), CancellationToken.None);

    [Theory]
    [InlineData("Plain subject", "Plain subject")]
    [InlineData("  Key für Jörg\r\nrotated\t ", "Key f?r J?rg  rotated")]
    [InlineData("Emoji 🔑 here", "Emoji ?? here")]
    public void Subject_Sanitized_PrintableAscii(string subject, string expected) => Assert.Equal(expected, NotificationLimits.Subject(subject));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Subject_Blank_Omitted(string? subject) => Assert.Null(NotificationLimits.Subject(subject));

    [Fact]
    public void Subject_Long_CutBelow100() => Assert.Equal(99, NotificationLimits.Subject(new string('s', 300))!.Length);

    [Fact]
    public void Message_Small_Unchanged() => Assert.Equal("hello", NotificationLimits.Message("hello", []));

    [Fact]
    public void Message_OverLimit_CutOnCharacterBoundaryWithMarker()
    {
        var attributes = new Dictionary<string, string> { ["event"] = new string('e', 1000) };
        var message = string.Concat(Enumerable.Repeat("ab🔑é", 100_000));

        var cut = NotificationLimits.Message(message, attributes);

        var payload = Encoding.UTF8.GetByteCount(cut) + attributes.Sum(a => a.Key.Length + a.Value.Length + "String".Length);
        Assert.True(payload < NotificationLimits.MaxPayloadBytes, $"{payload} bytes");
        Assert.True(payload > NotificationLimits.MaxPayloadBytes - 2048, $"{payload} bytes is needlessly short");
        Assert.EndsWith(NotificationLimits.TruncatedMarker, cut, StringComparison.Ordinal);
        var body = cut[..^NotificationLimits.TruncatedMarker.Length];
        Assert.StartsWith(body, message, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(body[^1]));
    }

    private sealed class RecordingSns : ISnsOperations
    {
        public List<(string Topic, string? Subject, string Message, IReadOnlyList<KeyValuePair<string, string>> Attributes)> Sent { get; } = [];

        public Task<string?> PublishAsync(string topicArn, string? subject, string message, IReadOnlyList<KeyValuePair<string, string>> attributes,
            CancellationToken cancellationToken)
        {
            Sent.Add((topicArn, subject, message, attributes));
            return Task.FromResult<string?>("id-1");
        }
    }
}
