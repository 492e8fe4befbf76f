namespace KeyRotation.Aws.Variables;

/// <summary>A fixed set of variables (tests, or a host that already read its configuration).</summary>
internal sealed class DictionaryEnvironmentVariables(IReadOnlyDictionary<string, string> variables) : IEnvironmentVariables
{
    public static DictionaryEnvironmentVariables Empty { get; } = new(new Dictionary<string, string>());

    public string? Get(string name) =>
        variables.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
}
