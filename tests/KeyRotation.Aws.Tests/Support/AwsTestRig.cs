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
    };

    /// <summary>Real adapters, unwrapped: each request's own outcome reaches the test (nothing below the engine's pipeline retries).</summary>
    public static AwsTestRig Create(Action<FakeAwsCloud>? arrange = null, AwsSettings? settings = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var time = new FakeTimeProvider(SmallOrganization.Start);
        var cloud = SmallOrganization.Create(time);
        cloud.ExpectedExternalId = "org-external-id";
        arrange?.Invoke(cloud);
        var transport = new RecordingHandler(cloud.Handle);
        var adapters = AwsAdapters.Create(settings ?? Settings, time,
            new DictionaryEnvironmentVariables(environment ?? new Dictionary<string, string>()), TestCredentials.Central, transport);
        return new AwsTestRig(time, cloud, transport, adapters);
    }

    public void Dispose() => Adapters.Dispose();
}
