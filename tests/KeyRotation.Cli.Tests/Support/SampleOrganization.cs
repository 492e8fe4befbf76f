namespace KeyRotation.Cli.Tests.Support;

/// <summary>A hand-written simulation file whose decisions under the default policy follow ROTATION-POLICY.md line by line.</summary>
internal static class SampleOrganization
{
    public const string AsOf = "2026-11-29T12:00:00Z";

    public const string Json = """
        {
          "managementAccountId": "111111111111",
          "organizationalUnits": [
            { "id": "ou-work", "name": "Workloads", "parentId": "r-root" },
            { "id": "ou-frozen", "name": "Frozen", "parentId": "r-root", "tags": { "key-rotation:opt-out": "true" } }
          ],
          "accounts": [
            { "id": "222222222222", "name": "dev", "state": "ACTIVE", "parentId": "ou-work",
              "users": [
                { "name": "alice", "tags": { "key-rotation:owner": "alice@example.com" }, "accessKeys": [
                    { "id": "AKIAEXAMPLEALICE0001", "status": "Active", "ageDays": 170, "lastUsedDaysAgo": 1 } ] },
                { "name": "bob", "accessKeys": [
                    { "id": "AKIAEXAMPLEBOB000001", "status": "Active", "ageDays": 30, "lastUsedDaysAgo": 0 },
                    { "id": "AKIAEXAMPLEBOB000002", "status": "Inactive", "ageDays": 190 } ] },
                { "name": "carol", "accessKeys": [
                    { "id": "AKIAEXAMPLECAROL0001", "status": "Active", "ageDays": 200, "lastUsedDaysAgo": 1 } ] },
                { "name": "dave", "accessKeys": [
                    { "id": "AKIAEXAMPLEDAVE00001", "status": "Active", "created": "2026-05-13T12:00:00Z" } ] },
                { "name": "erin", "accessKeys": [
                    { "id": "AKIAEXAMPLEERIN00001", "status": "Active", "ageDays": 170, "lastUsedDaysAgo": 1 },
                    { "id": "AKIAEXAMPLEERIN00002", "status": "Inactive", "ageDays": 190, "deactivatedDaysAgo": 2 } ] },
                { "name": "frank", "tags": { "key-rotation:exempt": "true" }, "accessKeys": [
                    { "id": "AKIAEXAMPLEFRANK0001", "status": "Active", "ageDays": 300, "lastUsedDaysAgo": 50 } ] },
                { "name": "grace", "accessKeys": [
                    { "id": "AKIAEXAMPLEGRACE0001", "status": "Active", "ageDays": 164, "lastUsedDaysAgo": 1 } ] },
                { "name": "heidi", "accessKeys": [
                    { "id": "AKIAEXAMPLEHEIDI0001", "status": "Active", "ageDays": 165, "lastUsedDaysAgo": 3 } ] }
              ] },
            { "id": "333333333333", "name": "prod", "parentId": "ou-work",
              "tags": { "key-rotation:rotate-after-days": "90" },
              "users": [
                { "name": "ivan", "accessKeys": [
                    { "id": "AKIAEXAMPLEIVAN00001", "status": "Active", "ageDays": 100, "lastUsedDaysAgo": 0 } ] }
              ] },
            { "id": "444444444444", "name": "archive", "parentId": "ou-frozen",
              "users": [ { "name": "judy", "accessKeys": [
                    { "id": "AKIAEXAMPLEJUDY00001", "status": "Active", "ageDays": 300, "lastUsedDaysAgo": 60 } ] } ] },
            { "id": "555555555555", "name": "closed", "state": "SUSPENDED",
              "users": [ { "name": "mallory", "accessKeys": [
                    { "id": "AKIAEXAMPLEMALLORY01", "status": "Active", "ageDays": 300 } ] } ] }
          ]
        }
        """;
}
