namespace KeyRotation.Aws.Permissions;

/// <summary>The IAM actions an adapter method needs (<c>service:Action</c>), as the principal its class acts as.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
internal sealed class RequiresPermissionAttribute(params string[] actions) : Attribute
{
    public IReadOnlyList<string> Actions { get; } = actions;
}
