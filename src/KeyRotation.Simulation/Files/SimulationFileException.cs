namespace KeyRotation.Simulation.Files;

/// <summary>A simulation file that cannot be loaded: <see cref="Path"/> is the JSON path of the offending value.</summary>
public sealed class SimulationFileException : Exception
{
    public SimulationFileException(string path, string problem)
        : base($"{path}: {problem}")
    {
        Path = path;
        Problem = problem;
    }

    public SimulationFileException()
        : this("$", "invalid simulation file")
    {
    }

    public SimulationFileException(string message)
        : this("$", message)
    {
    }

    public SimulationFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = "$";
        Problem = message;
    }

    /// <summary>JSON path of the value at fault, e.g. <c>$.accounts[0].users[1].accessKeys[0].colour</c>.</summary>
    public string Path { get; }

    /// <summary>What is wrong, without the path.</summary>
    public string Problem { get; }
}
