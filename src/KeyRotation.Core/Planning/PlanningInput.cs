using KeyRotation.Core.Facts;
using KeyRotation.Core.Policy;
using KeyRotation.Core.Tags;

namespace KeyRotation.Core.Planning;

/// <summary>Everything the planner may look at for one user; nothing else influences the plan.</summary>
/// <param name="AccountTags">The account's own tags (overrides); OU tags matter only for opt-out, decided before planning.</param>
public sealed record PlanningInput(
    UserFacts User,
    IReadOnlyDictionary<string, string> AccountTags,
    RotationPolicy GlobalPolicy,
    TagConventions Tags,
    DateTimeOffset Now);
