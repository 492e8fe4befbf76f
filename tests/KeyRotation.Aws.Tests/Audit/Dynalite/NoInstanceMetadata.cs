using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace KeyRotation.Aws.Tests.Audit.Dynalite;

/// <summary>
/// Tests never ask the EC2 instance metadata service for credentials or a region: off EC2 it costs seconds of
/// timeouts per client, and 169.254.169.254 is a network the tests must not touch. Set before any test runs.
/// </summary>
internal static class NoInstanceMetadata
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "A test assembly: the setting must hold before the first SDK client exists, in every test class.")]
    internal static void Disable() => Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
}
