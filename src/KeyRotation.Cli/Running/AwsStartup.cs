using KeyRotation.Aws.Variables;
using KeyRotation.Aws;
using KeyRotation.Aws.Configuration;
using KeyRotation.Cli.Hosting;
using KeyRotation.Engine.Composition;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Sts;
using KeyRotation.Engine.Runs;

namespace KeyRotation.Cli.Running;

/// <summary>
/// The two steps before an AWS plan or run touches anything: build the adapters, then ask STS who the caller is.
/// Either failing is a configuration problem (exit 2, nothing ran) and says what to check.
/// </summary>
internal static class AwsStartup
{
    /// <exception cref="InvalidInputException">No region, or an endpoint URL (flag or variable) is malformed.</exception>
    public static AwsAdapters CreateAdapters(AwsSettings settings, TimeProvider time, IEnvironmentVariables environment)
    {
        try
        {
            return AwsAdapters.Open(settings, time, environment);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw new InvalidInputException(e.Message, e);
        }
    }

    /// <exception cref="InvalidInputException">No credentials, AWS refused them, or STS could not be reached.</exception>
    /// <param name="services">The run's engine, composed over <paramref name="adapters"/>: the question goes through its STS pipeline.</param>
    public static async Task<CallerIdentity> IdentifyCallerAsync(AwsAdapters adapters, RotationServices services, CancellationToken cancellationToken)
    {
        try
        {
            return await EngineComposition.IdentifyCallerAsync(services, cancellationToken);
        }
        catch (ServiceException e)
        {
            throw new InvalidInputException(Explain(e, adapters.StsEndpoint), e);
        }
    }

    private static string Explain(ServiceException e, Uri sts) => e switch
    {
        { Code: "CredentialsUnavailable" } =>
            $"no usable AWS credentials ({e.Message}); pass --profile, set AWS_PROFILE or AWS_ACCESS_KEY_ID and "
            + "AWS_SECRET_ACCESS_KEY, or sign in (aws sso login); nothing was changed",
        { Kind: FailureKind.AccessDenied } =>
            $"AWS refused the credentials ({e.Message}); check --profile and that the session has not expired; nothing was changed",
        _ => $"could not ask AWS STS at {sts.GetLeftPart(UriPartial.Authority)} who the caller is ({e.Message}); "
            + "check --endpoint-url, --region and the network; nothing was changed",
    };
}
