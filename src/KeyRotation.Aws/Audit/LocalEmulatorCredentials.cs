using System.Net;
using Amazon.Runtime;

namespace KeyRotation.Aws.Audit;

/// <summary>
/// Fixed credentials for a local emulator (dynalite, DynamoDB Local, LocalStack) on a loopback endpoint. Emulators
/// accept any signature, but the SDK must still sign, and with nothing configured its default chain ends at the EC2
/// instance metadata service: off EC2 that costs seconds of timeouts, and it reaches a network the user never meant
/// to touch. Credentials the user did configure (variables, a profile, web identity, a container) are left to the
/// SDK's default chain, so a local run can still be signed as someone.
/// </summary>
internal static class LocalEmulatorCredentials
{
    /// <summary>Not a secret: no AWS account knows it, and emulators accept anything.</summary>
    public const string Placeholder = "keyrotation-local-emulator";

    /// <summary>The placeholder credentials, or null when the SDK's default chain should decide.</summary>
    /// <param name="endpoint">The endpoint override in effect; null: AWS itself.</param>
    /// <param name="profileExists">Whether the shared config or credentials files hold a profile of that name.</param>
    public static AWSCredentials? For(string? endpoint, Func<string, string?> environment, Func<string, bool> profileExists) =>
        IsLoopback(endpoint) && !HasConfiguredCredentials(environment, profileExists)
            ? new BasicAWSCredentials(Placeholder, Placeholder)
            : null;

    /// <summary>localhost, 127.0.0.0/8 or ::1 (also IPv4-mapped).</summary>
    public static bool IsLoopback(string? endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint) || !Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri)) return false;
        var host = uri.Host.Trim('[', ']').TrimEnd('.');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        if (!IPAddress.TryParse(host, out var address)) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return IPAddress.IsLoopback(address);
    }

    /// <summary>
    /// Whether a credential source the default chain tries before the instance metadata service is configured:
    /// access key variables, web identity, container credentials, or the profile of AWS_PROFILE (else "default").
    /// </summary>
    public static bool HasConfiguredCredentials(Func<string, string?> environment, Func<string, bool> profileExists)
    {
        bool Set(string name) => !string.IsNullOrWhiteSpace(environment(name));
        if (Set("AWS_ACCESS_KEY_ID") && (Set("AWS_SECRET_ACCESS_KEY") || Set("AWS_SECRET_KEY"))) return true;
        if (Set("AWS_WEB_IDENTITY_TOKEN_FILE")) return true;
        if (Set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") || Set("AWS_CONTAINER_CREDENTIALS_FULL_URI")) return true;
        var profile = environment("AWS_PROFILE");
        return profileExists(string.IsNullOrWhiteSpace(profile) ? "default" : profile.Trim());
    }
}
