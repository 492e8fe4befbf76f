using KeyRotation.Cli.Hosting;
using System.CommandLine;

namespace KeyRotation.Cli.Commands.Incidents;

/// <summary>
/// <c>keyrotation revoke</c>: deactivates one access key anywhere in the organization now (ROTATION-POLICY.md,
/// "Incident actions"), optionally with a replacement handed over as a rotation does. Applies to exempt users and
/// opted-out accounts too, and says so: an exposed key must stop working whatever defers its rotation.
/// </summary>
internal sealed class RevokeCommand : Command
{
    private readonly IncidentOptions options = new();

    public Option<string> Reason { get; } = new("--reason")
    {
        Description = "Why (e.g. the ticket): recorded in the audit trail with the operator and told to the owner. Never a secret.",
        HelpName = "TEXT",
        Required = true,
    };

    public Option<bool> Replace { get; } = new("--replace")
    {
        Description = "Also create a replacement key and hand it over as a rotation does (owner-only secret); a user already holding two keys is reported Blocked/KeyLimit and nothing is deleted.",
    };

    public RevokeCommand(CliEnvironment environment)
        : base("revoke", "Incident: deactivate one access key now, wherever it is in the organization (exempt users and opted-out accounts included).")
    {
        options.AddTo(this);
        Add(Reason);
        Add(Replace);
        SetAction(async (result, cancellationToken) =>
        {
            var reason = result.GetValue(Reason)!.Trim();
            if (reason.Length == 0)
            {
                throw new InvalidInputException("--reason: must not be empty; say why the key is revoked (e.g. the ticket)");
            }

            return await IncidentRunner.RunAsync(Name, options, result,
                options.ReadRequest(result, reason, replace: result.GetValue(Replace)), environment,
                (responder, run, request, ct) => responder.RevokeAsync(run, request, ct), cancellationToken);
        });
    }
}
