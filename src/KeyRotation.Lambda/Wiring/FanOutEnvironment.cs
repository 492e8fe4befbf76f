using System.Threading.RateLimiting;
using KeyRotation.Engine.Organization;

namespace KeyRotation.Lambda.Wiring;

/// <summary>What one execution environment keeps between its rotate-account steps: OUs learnt, and its Organizations bucket for the run.</summary>
internal sealed record FanOutEnvironment(OrganizationUnitCache Units, RateLimiter OrganizationsBucket);
