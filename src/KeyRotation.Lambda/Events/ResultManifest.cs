namespace KeyRotation.Lambda.Events;

/// <summary>
/// What a Distributed Map's ResultWriter writes, as documented in "ResultWriter (Map)", section "Exporting to Amazon
/// S3" (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html): under
/// <c>&lt;Prefix&gt;/&lt;map run id&gt;/</c> a <c>manifest.json</c> naming the <c>DestinationBucket</c>, the
/// <c>MapRunArn</c> and the <c>ResultFiles</c> by child execution status (<c>SUCCEEDED</c>, <c>FAILED</c>,
/// <c>PENDING</c>), each a list of <c>{ "Key", "Size" }</c>; each file (<c>SUCCEEDED_0.json</c>, ...) a JSON array of
/// <see cref="ChildExecution"/>. Field names are Step Functions'; they are read case-insensitively.
/// </summary>
internal sealed record ResultManifest(string? DestinationBucket, string? MapRunArn, ResultFiles? ResultFiles);

internal sealed record ResultFiles(
    IReadOnlyList<ResultFile>? Succeeded, IReadOnlyList<ResultFile>? Failed, IReadOnlyList<ResultFile>? Pending);

internal sealed record ResultFile(string? Key, long Size);

/// <summary>
/// One child execution of the map (the default Transformation NONE: metadata and the output unchanged). Input and Output
/// are JSON text: Input is the item's rotate-account payload (the map's ItemSelector), Output the RotateAccount state's
/// result (or RecordFailure's), absent unless the execution succeeded. A failed one has Error and Cause.
/// </summary>
internal sealed record ChildExecution(string? ExecutionArn, string? Status, string? Input, string? Output, string? Error);
