using KeyRotation.Aws.Audit;
using KeyRotation.Cli.Output;
using KeyRotation.Core.Audit;

namespace KeyRotation.Cli.Commands.Audit;

/// <summary>A validated <c>keyrotation audit</c> request.</summary>
internal sealed record AuditQueryOptions(AuditStoreSettings Store, AuditQuery Query, AuditOutputFormat Format);
