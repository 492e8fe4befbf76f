using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace KeyRotation.Testing.AwsStub;

/// <summary>
/// A test assembly that compiles the stub never asks the EC2 instance metadata service (169.254.169.254) for
/// credentials or a region: off EC2 that costs seconds of timeouts, and it is a network tests must not touch.
/// Set before any test runs, so it holds for SDK clients built anywhere in the assembly.
/// </summary>
internal static class NoInstanceMetadata
{
    public const string Variable = "AWS_EC2_METADATA_DISABLED";

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "Test assemblies only: the setting must hold before the first SDK client exists.")]
    internal static void Disable() => Environment.SetEnvironmentVariable(Variable, "true");
}
