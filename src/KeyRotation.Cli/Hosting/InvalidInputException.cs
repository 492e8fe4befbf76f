namespace KeyRotation.Cli.Hosting;

/// <summary>A flag, value or input file that cannot be used; the message names it. Exit code 2, nothing ran.</summary>
internal sealed class InvalidInputException : Exception
{
    public InvalidInputException()
        : this("invalid input")
    {
    }

    public InvalidInputException(string message)
        : base(message)
    {
    }

    public InvalidInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
