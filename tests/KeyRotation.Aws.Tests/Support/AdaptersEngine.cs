using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Tests.Support;

/// <summary>
/// The engine's seams over the adapters' raw ports, without the pipelines (<see cref="AwsTestRig.Bare"/>): the tests of
/// the real clients drive the engine's walk, account access, notifier and key lookup one request at a time. Each read
/// composes afresh, as <c>SimulatedWorld.Directory</c> does.
/// </summary>
internal static class AdaptersEngine
{
    extension(AwsAdapters adapters)
    {
        public IOrganizationDirectory Directory => AwsTestRig.Bare(adapters).Directory;

        public IAccountAccess AccountAccess => AwsTestRig.Bare(adapters).AccountAccess;

        public INotifier Notifier => AwsTestRig.Bare(adapters).Notifier;

        public IAccessKeyInfo AccessKeyInfo => AwsTestRig.Bare(adapters).AccessKeyInfo!;
    }
}
