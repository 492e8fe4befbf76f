namespace KeyRotation.Aws.Tests.Audit.Dynalite;

/// <summary>Every test class that talks to dynalite shares one server for the whole run.</summary>
[CollectionDefinition(Name)]
public sealed class DynaliteCollection : ICollectionFixture<DynaliteFixture>
{
    public const string Name = "dynalite";
}
