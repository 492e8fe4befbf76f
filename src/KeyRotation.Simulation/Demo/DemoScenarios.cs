using KeyRotation.Core.Facts;
using KeyRotation.Simulation.Model;

namespace KeyRotation.Simulation.Demo;

/// <summary>
/// The demo's accounts. Each user comment names what <see cref="DemoOrganization.Policy"/> decides for it
/// (rotate 165, deactivate 180, delete 185, idle 10, recovery 5, forced 365); ages leave room for the jitter.
/// </summary>
internal static class DemoScenarios
{
    public static SimulatedAccount Dev(DemoBuilder b, string id, string parentId)
    {
        var account = new SimulatedAccount { Id = id, Name = "dev", ParentId = parentId };
        var j = b.Jitter;
        account.Users.AddRange(
        [
            // CreateKey/RotationDue only: due but not yet old enough to deactivate.
            b.User(b.NextPerson(), b.Active(165 + j(), 1)),

            // DeleteKey/SlotNeededForRotation, then CreateKey: the Inactive key is young but nobody holds it back.
            b.User(b.NextPerson(), b.Active(166 + j(), 2), b.Inactive(90 + j(), 60)),

            // Blocked/KeyLimit: the Inactive key is past the delete age but still in its recovery window.
            b.User(b.NextPerson(), b.Active(167 + j(), 1), b.Inactive(186 + j(), 180, deactivatedByToolDaysAgo: 1 + (j() % 3))),

            // Blocked/KeyLimit with two Active keys, and Warn/StillInUse for the older one.
            b.User("ci-deployer", b.Active(200 + j(), 0), b.Active(170 + j(), 1)),

            // Two Active keys: DeactivateKey/PastDeactivateAgeAndIdle for the old idle one; the new one is young.
            b.User(b.NextPerson(), b.Active(200 + j(), 20 + j()), b.Active(20 + j(), 1)),

            // CreateKey, then DeactivateKey/PastDeactivateAgeAndIdle: old and last used weeks ago.
            b.User(b.NextPerson(), b.Active(250 + j(), 40 + j())),

            // CreateKey, then Warn/StillInUse: old but used yesterday.
            b.User(b.NextPerson(), b.Active(200 + j(), 1)),

            // CreateKey, then DeactivateKey/ForcedDeadline: in use, but past the 365-day deadline.
            b.User("backup", b.Active(370 + j(), 1)),

            // CreateKey, then DeactivateKey/NeverUsed.
            b.User("etl", b.Active(190 + j(), null)),

            // DeleteKey/InactivePastDeleteAge: someone else deactivated it long ago.
            b.User(b.NextPerson(), b.Active(30 + j(), 2), b.Inactive(200 + j(), 150)),

            // DeleteKey/InactivePastDeleteAge: this tool deactivated it, and the recovery window is over.
            b.User("reporting", b.Active(80 + j(), 0), b.Inactive(260 + j(), 70, deactivatedByToolDaysAgo: 30 + j())),

            // Skip/Exempt (permanent), although the key is long overdue.
            Tagged(b.User(b.NextPerson(), b.Active(300 + j(), 100)), b.Tags.Exempt, "true"),

            // Skip/Exempt until a date still ahead.
            Tagged(b.User(b.NextPerson(), b.Active(210 + j(), 3)), b.Tags.Exempt, $"until:{b.Date(30 + j())}"),

            // Warn/ExemptionExpired, then CreateKey/RotationDue as if never exempt.
            Tagged(b.User(b.NextPerson(), b.Active(168 + j(), 1)), b.Tags.Exempt, $"until:{b.Date(-10 - j())}"),

            // Warn/OverrideRejected: a user override that is not a number is ignored.
            Tagged(b.User(b.NextPerson(), b.Active(40 + j(), 1)), b.Tags.RotateAfterDays, "soon"),

            // Nothing: a young key in use.
            b.User(b.NextPerson(), b.Active(5 + j(), 0)),

            // Nothing: a user without keys.
            b.User("readonly-auditor"),
        ]);
        return account;
    }

    /// <summary>rotate-after-days=90 on the account: a 100-day-old key is rotated here and would not be elsewhere.</summary>
    public static SimulatedAccount ProdWithOverride(DemoBuilder b, string id, string parentId)
    {
        var account = new SimulatedAccount { Id = id, Name = "prod", ParentId = parentId };
        account.Tags[b.Tags.RotateAfterDays] = "90";
        account.Users.Add(b.User("deploy-bot", b.Active(100 + b.Jitter(), 0)));
        account.Users.Add(b.User("metrics", b.Active(60 + b.Jitter(), 0)));
        return account;
    }

    /// <summary>idle-days="often" on the account: rejected and reported for each user, never a crash.</summary>
    public static SimulatedAccount StagingWithBadOverride(DemoBuilder b, string id, string parentId)
    {
        var account = new SimulatedAccount { Id = id, Name = "staging", ParentId = parentId };
        account.Tags[b.Tags.IdleDays] = "often";
        account.Users.Add(b.User("log-shipper", b.Active(50 + b.Jitter(), 0)));
        return account;
    }

    /// <summary>An account the run must leave alone (opted out itself, below an opted-out OU, or not ACTIVE), with work it would otherwise do.</summary>
    public static SimulatedAccount Untouched(
        DemoBuilder b, string id, string name, string parentId, AccountState state, bool optOut)
    {
        var account = new SimulatedAccount { Id = id, Name = name, ParentId = parentId, State = state };
        if (optOut)
        {
            account.Tags[b.Tags.OptOut] = "true";
        }

        account.Users.Add(b.User(b.NextPerson(), b.Active(300 + b.Jitter(), 60), b.Inactive(250 + b.Jitter(), 240)));
        return account;
    }

    private static SimulatedUser Tagged(SimulatedUser user, string key, string value)
    {
        user.Tags[key] = value;
        return user;
    }
}
