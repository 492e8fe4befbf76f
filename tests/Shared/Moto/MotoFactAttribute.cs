namespace KeyRotation.Testing.Moto;

/// <summary>A test that needs moto; skipped, with the reason shown, where python3 or moto is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MotoFactAttribute : FactAttribute
{
    public MotoFactAttribute()
    {
        if (MotoServer.SkipReason is { } reason) Skip = reason;
    }
}

/// <summary>The test classes that share one moto server; they run one after another, so resets do not collide.</summary>
[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}
