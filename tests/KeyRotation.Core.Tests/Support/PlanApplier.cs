using KeyRotation.Core.Facts;
using KeyRotation.Core.Planning;

namespace KeyRotation.Core.Tests.Support;

/// <summary>
/// Test-only executor: performs a plan's mutations on the facts the way IAM would, in order, and fails loudly on
/// anything IAM would refuse (unknown key, deactivating an inactive key, deleting an active one).
/// </summary>
internal static class PlanApplier
{
    /// <returns>The user after the plan, and the most keys the user held at any point while it ran.</returns>
    public static (UserFacts After, int MostKeysHeld) Apply(UserFacts user, UserPlan plan, DateTimeOffset now)
    {
        var keys = user.AccessKeys.ToList();
        var most = keys.Count;
        var created = 0;
        foreach (var action in plan.Actions.Where(a => a.IsMutation))
        {
            switch (action.Action)
            {
                case ActionKind.CreateKey:
                    keys.Add(new AccessKeyFacts($"AKIANEW{now.UtcTicks:D19}{created++}", AccessKeyStatus.Active, now, null));
                    break;
                case ActionKind.DeactivateKey:
                    var active = Find(keys, action);
                    if (active.Status != AccessKeyStatus.Active)
                    {
                        throw new InvalidOperationException($"deactivates a key that is not active: {action}");
                    }

                    keys[keys.IndexOf(active)] = active with { Status = AccessKeyStatus.Inactive, DeactivatedByToolAt = now };
                    break;
                case ActionKind.DeleteKey:
                    var doomed = Find(keys, action);
                    if (doomed.Status == AccessKeyStatus.Active)
                    {
                        throw new InvalidOperationException($"deletes an active key: {action}");
                    }

                    keys.Remove(doomed);
                    break;
            }

            most = Math.Max(most, keys.Count);
        }

        return (user with { AccessKeys = keys }, most);
    }

    private static AccessKeyFacts Find(List<AccessKeyFacts> keys, PlannedAction action) =>
        keys.SingleOrDefault(k => k.AccessKeyId == action.AccessKeyId)
        ?? throw new InvalidOperationException($"acts on a key the user does not hold: {action}");
}
