using System.Text.Json;
using KeyRotation.Aws.Protocol;
using KeyRotation.Aws.Tests.Support;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Tests.Protocol;

public sealed class FailureClassifierTests
{
    [Theory]
    [InlineData("LimitExceeded", 409, FailureKind.LimitExceeded)]
    [InlineData("LimitExceededException", 400, FailureKind.LimitExceeded)]
    [InlineData("Throttling", 400, FailureKind.Throttling)]
    [InlineData("TooManyRequestsException", 400, FailureKind.Throttling)]
    [InlineData("Throttled", 429, FailureKind.Throttling)]
    [InlineData("Anything", 429, FailureKind.Throttling)]
    [InlineData("ServiceFailure", 500, FailureKind.Transient)]
    [InlineData("InternalServiceError", 400, FailureKind.Transient)]
    [InlineData("Http503", 503, FailureKind.Transient)]
    [InlineData("Http504", 504, FailureKind.Transient)]
    [InlineData("AccessDenied", 403, FailureKind.AccessDenied)]
    [InlineData("AccessDeniedException", 400, FailureKind.AccessDenied)]
    [InlineData("AuthorizationError", 403, FailureKind.AccessDenied)]
    [InlineData("InvalidClientTokenId", 403, FailureKind.AccessDenied)]
    [InlineData("NoSuchEntity", 404, FailureKind.NotFound)]
    [InlineData("ResourceNotFoundException", 400, FailureKind.NotFound)]
    [InlineData("ValidationError", 400, FailureKind.Validation)]
    [InlineData("InvalidParameterException", 400, FailureKind.Validation)]
    [InlineData("ParameterValueInvalid", 400, FailureKind.Validation)]
    [InlineData("EntityAlreadyExists", 409, FailureKind.Final)]
    [InlineData("ResourceExistsException", 400, FailureKind.Final)]
    public void Classify_CodeAndStatus_Kind(string code, int status, FailureKind kind) =>
        Assert.Equal(kind, FailureClassifier.Classify(code, status));

    [ModelFact]
    public void Classify_EveryRetryableCodeInBotocoreRetryRules_IsRetried()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(ModelLocator.Directory!, "_retry.json")));
        var retry = document.RootElement.GetProperty("retry");
        var definitions = document.RootElement.GetProperty("definitions");
        var checkedCodes = 0;
        foreach (var scope in new[] { "__default__", "organizations", "sts", "dynamodb", "iam", "sns", "secretsmanager" })
        {
            if (!retry.TryGetProperty(scope, out var rules)) continue;
            var policies = rules.TryGetProperty("policies", out var p) ? p : rules.GetProperty("__default__").GetProperty("policies");
            foreach (var policy in policies.EnumerateObject())
            {
                var rule = policy.Value.TryGetProperty("$ref", out var reference) ? definitions.GetProperty(reference.GetString()!) : policy.Value;
                if (!rule.GetProperty("applies_when").TryGetProperty("response", out var response)) continue;
                var status = response.TryGetProperty("http_status_code", out var s) ? s.GetInt32() : 400;
                var code = response.TryGetProperty("service_error_code", out var c) ? c.GetString()! : $"Http{status}";
                if (response.TryGetProperty("crc32body", out _)) continue;
                Assert.True(FailureClassifier.Classify(code, status) is FailureKind.Throttling or FailureKind.Transient,
                    $"{scope}/{policy.Name}: {code} (HTTP {status}) should be retried");
                checkedCodes++;
            }
        }

        Assert.True(checkedCodes >= 12, $"only {checkedCodes} rules read; the file layout changed");
    }
}
