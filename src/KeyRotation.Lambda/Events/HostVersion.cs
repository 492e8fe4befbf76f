using System.Reflection;

namespace KeyRotation.Lambda.Events;

internal static class HostVersion
{
    public static string Current { get; } =
        typeof(HostVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(HostVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
