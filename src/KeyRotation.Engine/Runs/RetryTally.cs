namespace KeyRotation.Engine.Runs;

/// <summary>Counts retries taken during one run, so the report can show them. Thread-safe.</summary>
public sealed class RetryTally
{
    private long retries;

    public long Count => Interlocked.Read(ref retries);

    public void Add() => Interlocked.Increment(ref retries);
}
