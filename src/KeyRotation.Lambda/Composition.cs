using KeyRotation.Lambda.Configuration;
using KeyRotation.Lambda.Hosting;

namespace KeyRotation.Lambda;

/// <summary>
/// The one place the Lambda host meets the rotation engine and the AWS adapters. The host calls
/// <see cref="CreateOperations"/> once at init with validated settings; an exception thrown here becomes an init error.
/// Wiring the engine means returning, for example,
/// <c>new RotationOperations(sweep.RunAsync, sweep.ListTargetsAsync, sweep.RotateAccountAsync)</c> for an
/// organization sweep built from the adapters for <paramref name="settings"/>. Until the engine and adapters are part
/// of this build it returns <see cref="RotationOperations.NotComposed"/>.
/// </summary>
internal static class Composition
{
    public static RotationOperations CreateOperations(HostSettings settings, TimeProvider time) =>
        RotationOperations.NotComposed;
}
