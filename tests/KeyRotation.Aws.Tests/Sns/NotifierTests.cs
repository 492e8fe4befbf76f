using System.Text;
using KeyRotation.Aws.Configuration;
using KeyRotation.Aws.Sns;
using KeyRotation.Aws.Tests.Support;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Tests.Sns;

public sealed class NotifierTests
{
    private static Notification Notice(string subject = "Access key rotated", string message = "Your new key is in Secrets Manager.") =>
        new(subject, message, new Dictionary<string, string>
        {
            ["severity"] = "info",
            ["event"] = "KeyCreated",
            ["account"] = SmallOrganization.Web,
            ["user"] = "svc+ci,x=y",
            ["owner"] = "alice@example.com",
            ["empty"] = "",
        });

    [Fact]
    public async Task Publish_Notification_TopicSubjectMessageAndStringAttributes()
    {
        using var rig = AwsTestRig.Create();

        await rig.Adapters.Notifier.PublishAsync(Notice(), CancellationToken.None);

        var message = Assert.Single(rig.Cloud.Published);
        Assert.Equal(AwsTestRig.Settings.TopicArn, message.TopicArn);
        Assert.Equal("Access key rotated", message.Subject);
        Assert.Equal("Your new key is in Secrets Manager.", message.Message);
        Assert.Equal(new Dictionary<string, string>
        {
            ["account"] = SmallOrganization.Web, ["event"] = "KeyCreated", ["owner"] = "alice@example.com",
            ["severity"] = "info", ["user"] = "svc+ci,x=y",
        }, message.Attributes);
        var request = rig.Cloud.Requests.Single(r => r.SigningService == "sns");
        Assert.Equal("account", request.Field("MessageAttributes.entry.1.Name"));
        Assert.Equal("String", request.Field("MessageAttributes.entry.5.Value.DataType"));
        Assert.Equal(("sns.eu-west-1.amazonaws.com", "eu-west-1", TestCredentials.AccessKeyId), (request.Url.Host, request.SigningRegion, request.AccessKeyId));
    }

    [Fact]
    public async Task Publish_TopicInAnotherRegion_SentToThatRegion()
    {
        using var rig = AwsTestRig.Create(settings: AwsTestRig.Settings with { TopicArn = "arn:aws:sns:us-east-2:999999999999:t" });

        await rig.Adapters.Notifier.PublishAsync(Notice(), CancellationToken.None);

        var request = rig.Cloud.Requests.Single(r => r.SigningService == "sns");
        Assert.Equal(("sns.us-east-2.amazonaws.com", "us-east-2"), (request.Url.Host, request.SigningRegion));
    }

    [Fact]
    public async Task Publish_NoTopicConfigured_NothingSent()
    {
        using var rig = AwsTestRig.Create(settings: AwsTestRig.Settings with { TopicArn = null });

        await rig.Adapters.Notifier.PublishAsync(Notice(), CancellationToken.None);

        Assert.False(rig.Adapters.NotificationsEnabled);
        Assert.Empty(rig.Cloud.Requests);
    }

    [Fact]
    public async Task Publish_TooManyAttributes_ArgumentException()
    {
        using var rig = AwsTestRig.Create();
        var attributes = Enumerable.Range(0, 11).ToDictionary(i => "a" + i, i => "v");

        await Assert.ThrowsAsync<ArgumentException>(() => rig.Adapters.Notifier.PublishAsync(new Notification("s", "m", attributes), CancellationToken.None));
        Assert.Empty(rig.Cloud.Published);
    }

    [Fact]
    public async Task Publish_Rejected_ErrorWithoutTheMessage()
    {
        using var rig = AwsTestRig.Create(cloud => cloud.Fault = r => r.SigningService == "sns"
            ? FakeAwsCloud.QueryError("sns", 403, "AuthorizationError", "not allowed to publish " + r.Field("Message"))
            : null);

        var error = await Assert.ThrowsAsync<ServiceException>(() => rig.Adapters.Notifier.PublishAsync(Notice(message: "secret-ish body"), CancellationToken.None));

        Assert.Equal(("SNS", "Publish", FailureKind.AccessDenied), (error.Service, error.Operation, error.Kind));
        Assert.DoesNotContain("secret-ish body", error.ToString(), StringComparison.Ordinal);
    }

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
    public void Subject_Long_CutBelow100()
    {
        var subject = NotificationLimits.Subject(new string('s', 300))!;
        Assert.Equal(99, subject.Length);
    }

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

    [Fact]
    public async Task Publish_HugeMessage_SentTruncatedBelowTheLimit()
    {
        using var rig = AwsTestRig.Create();

        await rig.Adapters.Notifier.PublishAsync(Notice(message: new string('x', 300_000)), CancellationToken.None);

        var sent = Assert.Single(rig.Cloud.Published).Message;
        Assert.True(Encoding.UTF8.GetByteCount(sent) < 256 * 1024);
        Assert.EndsWith(NotificationLimits.TruncatedMarker, sent, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_NoTopic_ValidAndNotifierDisabled()
    {
        using var adapters = AwsAdapters.Create(new AwsSettings { RunId = "r", Region = "eu-west-1" }, environment: DictionaryEnvironmentVariables.Empty,
            credentials: TestCredentials.Central, transport: RecordingHandler.Always(StubResponse.Xml("<a/>")));
        Assert.IsType<NoTopicNotifier>(adapters.Notifier);
    }
}
