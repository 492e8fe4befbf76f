namespace KeyRotation.Simulation.Faults;

/// <summary>One call a simulated port is about to make, as fault sources and the cost model see it.</summary>
/// <param name="Service">"iam", "sts", "organizations", "secretsmanager", "sns" or "audit".</param>
/// <param name="Operation">The real API's operation name, e.g. "CreateAccessKey".</param>
/// <param name="AccountId">The account acted in; the management account for organization-wide calls.</param>
public sealed record SimulatedCall(string Service, string Operation, string AccountId);
