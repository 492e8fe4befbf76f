using System.Runtime.CompilerServices;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Sweep;
using KeyRotation.Engine.Runs;

namespace KeyRotation.Aws.Tests.Support;

/// <summary>
/// The engine's seams over the adapters' raw ports, without the pipelines (<see cref="AwsTestRig.Bare"/>): the tests of
/// the real clients drive the engine's walk, account access, notifier and key lookup one request at a time. One
/// composition per adapters, so the walk's OU-tag cache lives as long as they do.
/// </summary>
internal static class AdaptersEngine
{
    private static readonly ConditionalWeakTable<AwsAdapters, RotationServices> Composed = new();

    extension(AwsAdapters adapters)
    {
        public IOrganizationDirectory Directory => Composed.GetValue(adapters, a => AwsTestRig.Bare(a)).Directory;

        public IAccountAccess AccountAccess => Composed.GetValue(adapters, a => AwsTestRig.Bare(a)).AccountAccess;

        public INotifier Notifier => Composed.GetValue(adapters, a => AwsTestRig.Bare(a)).Notifier;

        public IAccessKeyInfo AccessKeyInfo => Composed.GetValue(adapters, a => AwsTestRig.Bare(a)).AccessKeyInfo!;
    }
}
