namespace KeyRotation.Engine.Posture;

/// <summary>Adds users (or other tallies) up into <see cref="PostureFigures"/>.</summary>
internal sealed class PostureTally
{
    private readonly int[] bands = new int[Enum.GetValues<AgeBand>().Length];
    private int users, keys, active, inactive, neverUsed, exempt, keyLimit, secretTaken, withinNinety, withinPolicy, outsideScope;

    public PostureTally AddOutsideScope(int count)
    {
        outsideScope += count;
        return this;
    }

    public PostureTally Add(UserPosture user)
    {
        users++;
        exempt += user.Exempt ? 1 : 0;
        keyLimit += user.BlockedByKeyLimit ? 1 : 0;
        secretTaken += user.BlockedBySecretNameTaken ? 1 : 0;
        foreach (var key in user.Keys)
        {
            keys++;
            if (!key.Active)
            {
                inactive++;
                continue;
            }

            active++;
            bands[(int)key.Band!.Value]++;
            neverUsed += key.NeverUsed ? 1 : 0;
            withinNinety += key.WithinNinetyDays ? 1 : 0;
            withinPolicy += key.WithinPolicy ? 1 : 0;
        }

        return this;
    }

    public PostureTally Add(PostureFigures figures)
    {
        users += figures.Users;
        keys += figures.Keys;
        active += figures.ActiveKeys;
        inactive += figures.InactiveKeys;
        bands[(int)AgeBand.UnderNinetyDays] += figures.ActiveByAge.UnderNinetyDays;
        bands[(int)AgeBand.NinetyDaysToRotate] += figures.ActiveByAge.NinetyDaysToRotate;
        bands[(int)AgeBand.RotateToDeactivate] += figures.ActiveByAge.RotateToDeactivate;
        bands[(int)AgeBand.PastDeactivate] += figures.ActiveByAge.PastDeactivate;
        neverUsed += figures.NeverUsedKeys;
        exempt += figures.ExemptUsers;
        keyLimit += figures.BlockedByKeyLimit;
        secretTaken += figures.BlockedBySecretNameTaken;
        outsideScope += figures.UsersOutsideManagedScope;
        withinNinety += figures.ActiveWithinNinetyDays;
        withinPolicy += figures.ActiveWithinPolicy;
        return this;
    }

    public PostureFigures ToFigures() => new(
        users, keys, active, inactive,
        new AgeBandCounts(
            bands[(int)AgeBand.UnderNinetyDays], bands[(int)AgeBand.NinetyDaysToRotate],
            bands[(int)AgeBand.RotateToDeactivate], bands[(int)AgeBand.PastDeactivate]),
        neverUsed, exempt, keyLimit, withinNinety, withinPolicy)
    {
        BlockedBySecretNameTaken = secretTaken,
        UsersOutsideManagedScope = outsideScope,
    };
}
