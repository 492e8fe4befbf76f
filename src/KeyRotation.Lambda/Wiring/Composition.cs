using KeyRotation.Lambda.Configuration;
using KeyRotation.Lambda.Operations;

namespace KeyRotation.Lambda.Wiring;

/// <summary>
/// The one place the Lambda host meets the rotation engine and the AWS adapters. The host calls
/// <see cref="CreateOperations(HostSettings, TimeProvider)"/> once at init with validated settings; an exception thrown
/// here becomes an init error. Each engine-backed invocation then takes its step of an organization sweep over the
/// AWS adapters (see <see cref="AwsEngine"/>), auditing to the DynamoDB table of the settings. The Lambda host's
/// composition is this folder: the engine (<see cref="AwsEngine"/>, <see cref="AwsRun"/>) and what it takes
/// (<see cref="AwsWiring"/>, <see cref="AwsSettingsFactory"/>).
/// </summary>
internal static class Composition
{
    public static RotationOperations CreateOperations(HostSettings settings, TimeProvider time) =>
        CreateOperations(settings, time, AwsWiring.Process);

    /// <exception cref="ConfigurationException">The adapters could not be built from these settings and environment.</exception>
    public static RotationOperations CreateOperations(HostSettings settings, TimeProvider time, AwsWiring wiring)
    {
        AwsSettingsFactory.Check(settings, wiring.Environment);
        var engine = new AwsEngine(settings, time, wiring);
        return new RotationOperations(
            engine.SweepAsync, engine.BeginRunAsync, engine.RotateAccountAsync, engine.FinishRunAsync, engine.ReportAsync)
        {
            Revoke = engine.RevokeAsync,
            Restore = engine.RestoreAsync,
            ReportStore = settings.ReportBucket is { } bucket ? engine.ReportStore(bucket) : null,
            FanOutStore = settings.FanOutBucket is { } fanOut ? engine.FanOutStore(fanOut) : null,
        };
    }
}
