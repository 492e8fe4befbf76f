using KeyRotation.Cli.Hosting;
using System.CommandLine;

namespace KeyRotation.Cli.Commands.Incidents;

/// <summary>
/// <c>keyrotation restore</c>: makes a key this tool deactivated (or revoked) Active again inside its recovery window;
/// refused outside it or for a key the tool did not deactivate, unless --force.
/// </summary>
internal sealed class RestoreCommand : Command
{
    private readonly IncidentOptions options = new();

    public Option<bool> Force { get; } = new("--force")
    {
        Description = "Restore even past the recovery window or a key the audit trail does not show this tool deactivating.",
    };

    public RestoreCommand(CliEnvironment environment)
        : base("restore", "Reactivate one access key this tool deactivated, inside its recovery window.")
    {
        options.AddTo(this);
        Add(Force);
        SetAction((result, cancellationToken) => IncidentRunner.RunAsync(Name, options, result,
            options.ReadRequest(result, force: result.GetValue(Force)), environment,
            (responder, run, request, ct) => responder.RestoreAsync(run, request, ct), cancellationToken));
    }
}
