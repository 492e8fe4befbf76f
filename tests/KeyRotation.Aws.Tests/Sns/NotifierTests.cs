using System.Text;
using KeyRotation.Aws.Configuration;
using KeyRotation.Aws.Tests.Support;
using KeyRotation.Engine.Notifications;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Tests.Sns;

/// <summary>The engine's SNS notifier over the real SNS client against the stub cloud: the Publish request's shape and
/// endpoint. Subject and message limits are tested in Engine.Tests (Notifications/SnsNotifierTests).</summary>
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
    public async Task Publish_Rejected_ErrorWithoutTheMessage()
    {
        using var rig = AwsTestRig.Create(cloud => cloud.Fault = r => r.SigningService == "sns"
            ? FakeAwsCloud.QueryError("sns", 403, "AuthorizationError", "not allowed to publish " + r.Field("Message"))
            : null);

        var error = await Assert.ThrowsAsync<ServiceException>(() => rig.Adapters.Notifier.PublishAsync(Notice(message: "secret-ish body"), CancellationToken.None));

        Assert.Equal(("SNS", "Publish", FailureKind.AccessDenied), (error.Service, error.Operation, error.Kind));
        Assert.DoesNotContain("secret-ish body", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_HugeMessage_SentTruncatedBelowTheLimit()
    {
        using var rig = AwsTestRig.Create();

        await rig.Adapters.Notifier.PublishAsync(Notice(message: new string('x', 300_000)), CancellationToken.None);

        var sent = Assert.Single(rig.Cloud.Published).Message;
        Assert.True(Encoding.UTF8.GetByteCount(sent) < 256 * 1024);
        Assert.EndsWith("[message truncated]", sent, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_NoTopic_ValidAndNotifierDisabled()
    {
        using var adapters = AwsAdapters.Create(new AwsSettings { RunId = "r", Region = "eu-west-1" }, environment: DictionaryEnvironmentVariables.Empty,
            credentials: TestCredentials.Central, transport: RecordingHandler.Always(StubResponse.Xml("<a/>")));
        Assert.IsType<NoTopicNotifier>(adapters.Notifier);
    }
}
