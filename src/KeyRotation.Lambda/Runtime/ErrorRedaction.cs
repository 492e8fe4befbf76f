using System.Text.RegularExpressions;

namespace KeyRotation.Lambda.Runtime;

/// <summary>
/// A last line of defence for error text leaving the process: anything shaped like a secret access key
/// (40 characters of base64) is cut out, and the text is bounded. Messages are secret-free by design; this guards mistakes.
/// </summary>
internal static partial class ErrorRedaction
{
    public const int MaxLength = 2000;

    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var redacted = SecretShaped().Replace(text, "[redacted]");
        return redacted.Length <= MaxLength ? redacted : redacted[..MaxLength] + "...";
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")]
    private static partial Regex SecretShaped();
}
