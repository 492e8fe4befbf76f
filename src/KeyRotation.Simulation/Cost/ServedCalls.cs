namespace KeyRotation.Simulation.Cost;

/// <summary>How many calls of one operation in one account a service answered (throttled attempts not included).</summary>
public sealed record ServedCalls(string Service, string Operation, string AccountId, long Count);
