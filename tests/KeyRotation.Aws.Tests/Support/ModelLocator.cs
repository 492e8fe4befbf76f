namespace KeyRotation.Aws.Tests.Support;

/// <summary>
/// Finds botocore's models: KEYROTATION_AWS_MODELS, else the first <c>shared/aws-models</c> beside any ancestor of the
/// test binaries (the repo root's sibling <c>shared</c> folder). They are read in place, never copied into the repo.
/// </summary>
internal static class ModelLocator
{
    private static readonly Lazy<string?> Found = new(Locate);

    public static string? Directory => Found.Value;

    public static string SkipReason =>
        "AWS service models not found: set KEYROTATION_AWS_MODELS or place them in shared/aws-models beside the repository";

    public static string PathOf(string service, string file) =>
        Path.Combine(Directory ?? throw new InvalidOperationException(SkipReason), service, file);

    private static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable("KEYROTATION_AWS_MODELS");
        if (!string.IsNullOrEmpty(configured)) return System.IO.Directory.Exists(configured) ? configured : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "aws-models");
            if (File.Exists(Path.Combine(candidate, "iam", "service-2.json"))) return candidate;
        }

        return null;
    }
}

/// <summary>A fact that is skipped, with the reason shown, when the models are absent.</summary>
internal sealed class ModelFactAttribute : FactAttribute
{
    public ModelFactAttribute()
    {
        if (ModelLocator.Directory is null) Skip = ModelLocator.SkipReason;
    }
}
