namespace KeyRotation.Aws.Permissions;

/// <summary>Marks an adapter with the principal its calls are made as.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
internal sealed class ActsAsAttribute(AwsPrincipal principal) : Attribute
{
    public AwsPrincipal Principal { get; } = principal;
}
