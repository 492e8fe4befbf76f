namespace KeyRotation.Lambda.Events;

/// <summary>
/// Where a run's fan-out objects lie in the fan-out bucket, the one copy of that layout: list-targets answers it, and
/// the state machine reads the items from <see cref="Targets"/> (ItemReader) and writes the map's results under
/// <see cref="Results"/> (ResultWriter). Everything is under <c>runs/</c>, the only prefix the template lets the
/// function write and read and its lifecycle rule expires.
/// </summary>
/// <param name="Targets">The run's items: one JSON array of list-targets' accounts.</param>
/// <param name="Results">The ResultWriter prefix; Step Functions adds <c>/&lt;map run id&gt;/manifest.json</c> and the result files.</param>
internal sealed record FanOutObjects(string Bucket, string Targets, string Results)
{
    public const string Root = "runs/";

    public static FanOutObjects For(string bucket, string runId) =>
        new(bucket, $"{Root}{runId}/targets.json", ResultsOf(runId));

    public static string ResultsOf(string runId) => $"{Root}{runId}/results";
}

/// <summary>Where the map wrote its results: the map's <c>ResultWriterDetails</c> (Bucket, and Key of the manifest).</summary>
internal sealed record ResultWriterDetails(string? Bucket, string? Key);
