namespace KeyRotation.Lambda.Configuration;

/// <summary>The host's configuration is unusable; each problem names the variable and its value.</summary>
internal sealed class ConfigurationException(IReadOnlyList<string> problems)
    : Exception("invalid configuration: " + string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
