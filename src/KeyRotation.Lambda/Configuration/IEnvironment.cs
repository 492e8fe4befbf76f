namespace KeyRotation.Lambda.Configuration;

/// <summary>The process environment, behind a seam so configuration and trace propagation are testable.</summary>
internal interface IEnvironment
{
    string? Get(string name);

    /// <summary>Sets or, with null, removes a variable.</summary>
    void Set(string name, string? value);
}

internal sealed class ProcessEnvironment : IEnvironment
{
    public string? Get(string name) => Environment.GetEnvironmentVariable(name);

    public void Set(string name, string? value) => Environment.SetEnvironmentVariable(name, value);
}
