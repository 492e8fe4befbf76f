using System.Globalization;
using System.Text.Json;
using KeyRotation.Core.Audit.Digests;
using KeyRotation.Engine.Digests;

namespace KeyRotation.Cli.Output;

/// <summary>Prints what <c>audit verify</c> found: runs checked, every finding, and the verdict last.</summary>
internal static class AuditVerificationWriter
{
    public static void WriteTable(TextWriter writer, AuditVerification verification, string bucket)
    {
        writer.WriteLine($"Digest chain: {verification.DigestCount} digests in S3 bucket '{bucket}'.");
        if (verification.Runs.Count > 0)
        {
            writer.WriteLine();
            TextTable.Write(writer, "", ["RUN", "DIGEST", "FINISHED", "SEALED", "STORED", "FINDINGS"],
                verification.Runs.Select(r => (IReadOnlyList<string>)
                [
                    r.RunId, r.Sequence?.ToString(CultureInfo.InvariantCulture) ?? "none",
                    r.FinishedAt is { } at ? AuditEventCanonicalForm.Instant(at) : "-",
                    Number(r.SealedEvents), Number(r.StoredEvents), Number(r.Findings),
                ]).ToList());
        }

        if (verification.Findings.Count > 0)
        {
            writer.WriteLine();
            TextTable.Write(writer, "", ["FINDING", "RUN", "EVENT", "DETAIL"],
                verification.Findings.Select(f => (IReadOnlyList<string>)[f.Kind.ToString(), f.RunId ?? "-", f.EventId ?? "-", f.Detail]).ToList());
        }

        writer.WriteLine();
        writer.WriteLine(Verdict(verification));
    }

    public static void WriteJson(TextWriter writer, AuditVerification verification, string bucket)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteBoolean("intact", verification.IsIntact);
            json.WriteString("bucket", bucket);
            json.WriteNumber("digests", verification.DigestCount);
            json.WriteStartArray("runs");
            foreach (var run in verification.Runs)
            {
                json.WriteStartObject();
                json.WriteString("runId", run.RunId);
                if (run.Sequence is { } sequence) json.WriteNumber("digest", sequence);
                else json.WriteNull("digest");
                if (run.FinishedAt is { } at) json.WriteString("finishedAt", AuditEventCanonicalForm.Instant(at));
                else json.WriteNull("finishedAt");
                json.WriteNumber("sealedEvents", run.SealedEvents);
                json.WriteNumber("storedEvents", run.StoredEvents);
                json.WriteNumber("findings", run.Findings);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("findings");
            foreach (var finding in verification.Findings)
            {
                json.WriteStartObject();
                json.WriteString("kind", finding.Kind.ToString());
                json.WriteString("runId", finding.RunId);
                json.WriteString("eventId", finding.EventId);
                if (finding.Sequence is { } sequence) json.WriteNumber("digest", sequence);
                else json.WriteNull("digest");
                json.WriteString("detail", finding.Detail);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        writer.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static string Verdict(AuditVerification verification)
    {
        if (verification.IsIntact)
            return $"Verified: {verification.Runs.Count} runs match their digests and every link of the chain holds.";
        var counts = Enum.GetValues<AuditFindingKind>()
            .Select(k => (Kind: k, Count: verification.Findings.Count(f => f.Kind == k)))
            .Where(c => c.Count > 0)
            .Select(c => $"{c.Count} {c.Kind}");
        return $"NOT VERIFIED: {verification.Findings.Count} findings ({string.Join(", ", counts)}).";
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
