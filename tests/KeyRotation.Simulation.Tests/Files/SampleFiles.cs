namespace KeyRotation.Simulation.Tests.Files;

internal static class SampleFiles
{
    public static readonly DateTimeOffset AsOf = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The example of FORMATS.md, verbatim.</summary>
    public const string FormatsExample = """
        {
          "managementAccountId": "111111111111",
          "organizationalUnits": [
            { "id": "ou-prod", "name": "Prod", "parentId": "r-root",
              "tags": { "key-rotation:opt-out": "true" } }
          ],
          "accounts": [
            { "id": "222222222222", "name": "dev", "state": "ACTIVE", "parentId": "r-root",
              "tags": { "key-rotation:rotate-after-days": "90" },
              "users": [
                { "name": "alice", "tags": { "key-rotation:owner": "alice@example.com" },
                  "accessKeys": [
                    { "id": "AKIAEXAMPLEALICE0001", "status": "Active",
                      "created": "2026-05-01T00:00:00Z", "lastUsed": "2026-11-20T08:00:00Z" },
                    { "id": "AKIAEXAMPLEALICE0002", "status": "Inactive",
                      "ageDays": 190, "lastUsedDaysAgo": null }
                  ] }
              ] }
          ]
        }
        """;

    /// <summary>A minimal valid file with one key, whose fields a test can replace.</summary>
    public static string OneKey(string keyFields) => $$"""
        {
          "accounts": [
            { "id": "222222222222", "name": "dev",
              "users": [ { "name": "alice", "accessKeys": [ { {{keyFields}} } ] } ] }
          ]
        }
        """;
}
