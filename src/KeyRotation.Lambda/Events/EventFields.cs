using KeyRotation.Engine.Settings;

namespace KeyRotation.Lambda.Events;

/// <summary>The invocation event's name for each run setting it may carry (<see cref="RotationSettings"/>).</summary>
internal static class EventFields
{
    public static string Of(string field) => field switch
    {
        RotationSettings.RunIdField => "runId",
        RotationSettings.AsOfField => "asOf",
        _ => field,
    };
}
