using KeyRotation.Lambda.Tests.Support;

namespace KeyRotation.Lambda.Tests.Templates;

/// <summary>The repository's templates, each loaded once.</summary>
internal static class Templates
{
    private static readonly Lazy<CfnTemplate> central = new(() => Load("cloudformation", "key-rotation.yaml"));
    private static readonly Lazy<CfnTemplate> memberRole = new(() => Load("stacksets", "member-role.yaml"));
    private static readonly Lazy<CfnTemplate> memberStackSet = new(() => Load("stacksets", "member-stackset.yaml"));

    public static CfnTemplate Central => central.Value;

    public static CfnTemplate MemberRole => memberRole.Value;

    public static CfnTemplate MemberStackSet => memberStackSet.Value;

    public static IEnumerable<object[]> All() =>
    [
        ["cloudformation/key-rotation.yaml"],
        ["stacksets/member-role.yaml"],
        ["stacksets/member-stackset.yaml"],
    ];

    public static CfnTemplate ByPath(string path) => path switch
    {
        "cloudformation/key-rotation.yaml" => Central,
        "stacksets/member-role.yaml" => MemberRole,
        "stacksets/member-stackset.yaml" => MemberStackSet,
        _ => throw new ArgumentOutOfRangeException(nameof(path), path, null),
    };

    private static CfnTemplate Load(params string[] parts) => CfnTemplate.Load(RepositoryRoot.File(parts));
}
