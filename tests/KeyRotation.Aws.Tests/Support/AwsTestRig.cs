using KeyRotation.Aws.Tests.Flow;
using KeyRotation.Engine.Composition;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Sweep;
using KeyRotation.Aws.Configuration;
using KeyRotation.Aws.Variables;
using Microsoft.Extensions.Time.Testing;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Resilience;

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

    /// <summary>The engine over the adapters' ports without the pipelines (the composition's bare engine).</summary>
    public static RotationServices Bare(AwsAdapters adapters, IAuditLog? auditLog = null)
    {
        var ports = adapters.Ports(auditLog ?? new MemoryAuditLog());
        return EngineComposition.Bare(ports, adapters.Settings.ToEngineOptions(ResilienceOptions.Default), ports.Time);
    }

    public void Dispose() => Adapters.Dispose();
}
