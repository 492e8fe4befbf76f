using KeyRotation.Cli.Settings;
using System.Text;
using System.Text.Json;
using KeyRotation.Engine.Incidents;

namespace KeyRotation.Cli.Output;

/// <summary>Prints what revoke or restore did: lines for people, or one JSON object with the run report's action fields.</summary>
internal static class IncidentWriter
{
    public static void Write(TextWriter writer, string command, IncidentReport report, string actor, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            writer.WriteLine(Json(command, report, actor));
            return;
        }

        writer.WriteLine(report.DryRun
            ? $"{command} {report.AccessKeyId}: dry run, nothing was changed (add --confirm to act)"
            : $"{command} {report.AccessKeyId} as {actor}");
        if (report.AccountId is { } account)
        {
            var name = report.AccountName is { Length: > 0 } n ? $" ({n})" : "";
            writer.WriteLine($"  account {account}{name}" + (report.UserName is { } user ? $", user {user}" : ""));
        }

        foreach (var a in report.Actions)
        {
            var error = a.Error is null ? "" : $" error: {a.Error}";
            writer.WriteLine($"  {a.Action} {a.Reason} {a.Outcome} {a.AccessKeyId ?? "(new key)"}: {a.Detail}{error}");
        }

        foreach (var note in report.Notes)
        {
            writer.WriteLine($"  note: {note}");
        }

        foreach (var e in report.UnwrittenAuditEvents)
        {
            writer.WriteLine($"  unwritten audit event {e.EventId}: {e.Action} {e.Reason} {e.Outcome} {e.AccessKeyId}");
        }
    }

    private static string Json(string command, IncidentReport report, string actor)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("command", command);
            json.WriteString("accessKeyId", report.AccessKeyId);
            json.WriteBoolean("dryRun", report.DryRun);
            json.WriteString("actor", actor);
            json.WriteString("accountId", report.AccountId);
            json.WriteString("accountName", report.AccountName);
            json.WriteString("userName", report.UserName);
            json.WriteString("refusal", report.Refusal?.ToString());
            json.WriteString("error", report.Error);
            json.WriteStartArray("actions");
            foreach (var a in report.Actions)
            {
                json.WriteStartObject();
                json.WriteString("userName", a.UserName);
                json.WriteString("accessKeyId", a.AccessKeyId);
                json.WriteString("action", a.Action.ToString());
                json.WriteString("reason", a.Reason.ToString());
                json.WriteString("outcome", a.Outcome);
                json.WriteString("detail", a.Detail);
                if (a.Error is not null) json.WriteString("error", a.Error);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("notes");
            foreach (var note in report.Notes) json.WriteStringValue(note);
            json.WriteEndArray();
            json.WriteNumber("unwrittenAuditEvents", report.UnwrittenAuditEvents.Count);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
