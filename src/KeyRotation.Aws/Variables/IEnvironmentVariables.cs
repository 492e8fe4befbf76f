namespace KeyRotation.Aws.Variables;

/// <summary>Where the adapters read environment variables, so tests never touch the process environment.</summary>
public interface IEnvironmentVariables
{
    /// <summary>The variable's value; null when unset or empty.</summary>
    string? Get(string name);
}
