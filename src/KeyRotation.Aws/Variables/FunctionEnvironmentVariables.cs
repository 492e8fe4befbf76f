namespace KeyRotation.Aws.Variables;

/// <summary>Variables read through a host's own lookup (the CLI's and the Lambda host's environment seams).</summary>
public sealed class FunctionEnvironmentVariables(Func<string, string?> lookup) : IEnvironmentVariables
{
    public string? Get(string name)
    {
        var value = lookup(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
