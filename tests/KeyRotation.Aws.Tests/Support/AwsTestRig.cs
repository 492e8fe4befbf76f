using KeyRotation.Aws.Configuration;
using KeyRotation.Engine.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Aws.Tests.Support;

/// <summary>Real adapters wired to a fake cloud through an in-memory transport (fast; nothing leaves the process).</summary>
internal sealed class AwsTestRig : IDisposable
{
    private AwsTestRig(FakeTimeProvider time, FakeAwsCloud cloud, RecordingHandler transport, AwsAdapters adapters)
    {
        Time = time;
        Cloud = cloud;
        Transport = transport;
        Adapters = adapters;
    }

    public FakeTimeProvider Time { get; }
    public FakeAwsCloud Cloud { get; }
    public RecordingHandler Transport { get; }
    public AwsAdapters Adapters { get; }

    public static AwsSettings Settings => new()
    {
        RunId = "run-1",
        Region = "eu-west-1",
        TopicArn = "arn:aws:sns:eu-west-1:999999999999:key-rotation",
        ExternalId = "org-external-id",
        // The rig's tests see each request's own outcome; RequestRetryTests turn the per-request retry on.
        MaxRequestRetries = 0,
        MaxOrganizationsRequestRetries = 0,
    };

    /// <param name="iamPacing">When given, the adapters pace each IAM request with these limits on the rig's fake clock.</param>
    public static AwsTestRig Create(Action<FakeAwsCloud>? arrange = null, AwsSettings? settings = null,
        IReadOnlyDictionary<string, string>? environment = null, RetryTally? retries = null, Random? random = null)
    {
        var time = new FakeTimeProvider(SmallOrganization.Start);
        var cloud = SmallOrganization.Create(time);
        cloud.ExpectedExternalId = "org-external-id";
        arrange?.Invoke(cloud);
        var transport = new RecordingHandler(cloud.Handle);
        var adapters = AwsAdapters.Create(settings ?? Settings, time,
            new DictionaryEnvironmentVariables(environment ?? new Dictionary<string, string>()), TestCredentials.Central, transport,
            retries: retries, random: random);
        return new AwsTestRig(time, cloud, transport, adapters);
    }

    public void Dispose() => Adapters.Dispose();
}
